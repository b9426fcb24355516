package dev.sts.core.authz;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The condition keys the platform derives itself, from the authenticated caller, its session, the
 * connection and the clock: a caller can never supply them. Everything under {@code sts:} and
 * {@code iam:} is the platform's too, but for the IAM keys that describe the request rather than the caller
 * or IAM state ({@code iam:PolicyARN}, {@code iam:PermissionsBoundary} being set, {@code iam:PassedToService},
 * {@code iam:AssociatedResourceArn}): where the platform derives one for the action from IAM state (a target's
 * current boundary) its value still wins. Keys a resource service knows and the platform cannot (its own
 * {@code s3:prefix}, {@code aws:SecureTransport} and {@code aws:RequestedRegion} of the request it received,
 * {@code aws:RequestTag/*} and {@code aws:ResourceTag/*} of its own resources) are not derived.
 */
public final class DerivedConditionKeys {
    private static final Set<String> GLOBAL = Set.of(
            "aws:tokenissuetime", "aws:multifactorauthpresent", "aws:multifactorauthage", "aws:principalarn",
            "aws:principalaccount", "aws:principaltype", "aws:principalorgid", "aws:principalorgpaths",
            "aws:principalisawsservice", "aws:principalservicename", "aws:principalservicenamesforassumption",
            "aws:userid", "aws:username", "aws:sourceip", "aws:currenttime", "aws:epochtime", "aws:sourceidentity",
            "aws:resourceaccount", "aws:federatedprovider", "aws:viaawsservice",
            "aws:calledvia", "aws:calledviafirst", "aws:calledvialast", "aws:assumedroot",
            "aws:ec2instancesourcevpc", "aws:ec2instancesourceprivateipv4", "aws:rolesessionname");

    /** The IAM keys of the request itself, which only the service that received it knows. */
    private static final Set<String> IAM_REQUEST_KEYS = Set.of("iam:policyarn", "iam:permissionsboundary",
            "iam:passedtoservice", "iam:associatedresourcearn");

    private DerivedConditionKeys() {
    }

    /** Whether the platform derives the key (compared case-insensitively, as condition keys are). */
    public static boolean isDerived(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return describesCaller(key) || lower.startsWith("sts:")
                || lower.startsWith("iam:") && !IAM_REQUEST_KEYS.contains(lower);
    }

    /**
     * Whether the platform derives the key for this action: besides {@link #isDerived(String)}, an IAM action's
     * {@code aws:ResourceTag/*}, which are the tags IAM state holds for its target.
     */
    public static boolean isDerivedFor(String action, String key) {
        return isDerived(key) || (action.regionMatches(true, 0, "iam:", 0, 4)
                && key.toLowerCase(Locale.ROOT).startsWith("aws:resourcetag/"));
    }

    /** The first of the keys the platform derives for the action, if any. */
    public static Optional<String> firstDerivedFor(String action, Collection<String> keys) {
        return keys.stream().filter(key -> isDerivedFor(action, key)).findFirst();
    }

    /** Whether the key is one of the global keys that describe the caller, its session, connection or time. */
    public static boolean describesCaller(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return GLOBAL.contains(lower) || lower.startsWith("aws:principaltag/");
    }
}

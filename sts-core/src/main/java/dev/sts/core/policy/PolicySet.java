package dev.sts.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every policy that applies to one request.
 *
 * @param identityPolicies    the principal's identity-based policies (for a session, those of its role or user)
 * @param permissionsBoundary the principal's permissions boundary, if it has one
 * @param sessionPolicies     present when the session was given session policies (inline and/or PolicyArns):
 *                            the intersection applies even if they allow nothing; empty when none were passed
 * @param resourcePolicy      the resource's policy (for {@code sts:AssumeRole*}, the role's trust policy)
 */
public record PolicySet(List<NamedPolicy> identityPolicies, Optional<NamedPolicy> permissionsBoundary,
                        Optional<List<NamedPolicy>> sessionPolicies, Optional<NamedPolicy> resourcePolicy) {
    public PolicySet {
        identityPolicies = List.copyOf(identityPolicies);
        Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
        sessionPolicies = Objects.requireNonNull(sessionPolicies, "sessionPolicies").map(List::copyOf);
        Objects.requireNonNull(resourcePolicy, "resourcePolicy");
        identityPolicies.forEach(p -> requireType(p, PolicyType.IDENTITY));
        permissionsBoundary.ifPresent(p -> requireType(p, PolicyType.PERMISSIONS_BOUNDARY));
        sessionPolicies.ifPresent(list -> list.forEach(p -> requireType(p, PolicyType.SESSION)));
        resourcePolicy.ifPresent(p -> requireType(p, PolicyType.RESOURCE));
    }

    /** Identity policies only: no boundary, no session policies, no resource policy. */
    public static PolicySet ofIdentity(List<NamedPolicy> identityPolicies) {
        return new PolicySet(identityPolicies, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static void requireType(NamedPolicy policy, PolicyType expected) {
        if (policy.type() != expected) {
            throw new IllegalArgumentException("policy " + policy.name() + " is a " + policy.type() + " policy, not " + expected);
        }
    }
}

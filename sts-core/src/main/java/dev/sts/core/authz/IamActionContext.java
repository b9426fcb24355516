package dev.sts.core.authz;

import dev.sts.core.arn.Arn;
import dev.sts.core.federation.OidcProvider;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.Tag;
import dev.sts.core.protocol.QueryParameters;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The condition keys of an IAM action, as the IAM service authorization reference lists them, beside the
 * global keys {@link CallerContext} sets. One place for the live IAM API, the simulator and anything else
 * that decides an IAM action, so that they cannot disagree:
 * <ul>
 *   <li>{@code aws:RequestTag/K} and {@code aws:TagKeys}: Create*, Tag* carrying tags; Untag*: {@code aws:TagKeys};</li>
 *   <li>{@code aws:ResourceTag/K}: the tags of the role, user or OpenID Connect provider acted on (read from IAM state,
 *       never from the caller);</li>
 *   <li>{@code iam:PermissionsBoundary}: the boundary given (CreateUser, CreateRole, Put*PermissionsBoundary), or the
 *       target's current boundary (Put/Delete*Policy, Attach/Detach*Policy, Delete*PermissionsBoundary);</li>
 *   <li>{@code iam:PolicyARN}: Attach/Detach*Policy.</li>
 * </ul>
 * A key whose value the request does not carry is left absent, as AWS leaves it.
 */
public final class IamActionContext {
    private final IamRepository iam;

    public IamActionContext(IamRepository iam) {
        this.iam = iam;
    }

    /** What an IAM request carries that its keys are made of. */
    public record RequestValues(List<Tag> tags, List<String> untagKeys, Optional<String> permissionsBoundary,
                                Optional<String> policyArn) {
        public static final RequestValues NONE = new RequestValues(List.of(), List.of(), Optional.empty(), Optional.empty());

        public RequestValues {
            tags = List.copyOf(tags);
            untagKeys = List.copyOf(untagKeys);
        }

        /** Read from the request's parameters, without validating them (the action's handler does that). */
        public static RequestValues of(QueryParameters params) {
            List<Tag> tags = params.memberStructs("Tags", "Key", "Value").stream()
                    .filter(member -> member.get("Key") != null)
                    .map(member -> new Tag(member.get("Key"), member.getOrDefault("Value", ""))).toList();
            return new RequestValues(tags, params.memberList("TagKeys"), params.optional("PermissionsBoundary"),
                    params.optional("PolicyArn"));
        }
    }

    /** The role, user or OpenID Connect provider an action acts on, as IAM state holds it. */
    public record Target(List<Tag> tags, Optional<String> permissionsBoundary) {
        public Target {
            tags = List.copyOf(tags);
        }

        static Target of(IamUser user) {
            return new Target(user.tags(), Optional.ofNullable(user.permissionsBoundaryArn()));
        }

        static Target of(IamRole role) {
            return new Target(role.tags(), Optional.ofNullable(role.permissionsBoundaryArn()));
        }

        static Target of(OidcProvider provider) {
            return new Target(provider.tags(), Optional.empty());
        }
    }

    /**
     * The keys of a live IAM call.
     *
     * @param action        the IAM action's name, e.g. {@code TagUser}
     * @param resourceArn   the ARN the call is authorized against
     * @param callerAccount the caller's account: a target is read only from it
     */
    public Map<String, List<String>> ofCall(String action, String resourceArn, String callerAccount, QueryParameters params) {
        return keys(action, RequestValues.of(params), target(action, resourceArn, callerAccount));
    }

    /**
     * The keys the simulator derives for a simulated IAM action: only those of the target as IAM state holds it
     * ({@code aws:ResourceTag/*}, the target's boundary); what the simulated request would carry comes from the
     * simulation's ContextEntries, as on AWS.
     */
    public Map<String, List<String>> ofSimulation(String action, String resourceArn, String callerAccount) {
        return keys(action, RequestValues.NONE, target(action, resourceArn, callerAccount));
    }

    /** The keys of an IAM action from what the request carries and the target's state; pure. */
    public static Map<String, List<String>> keys(String action, RequestValues request, Optional<Target> target) {
        action = canonical(action);
        Map<String, List<String>> keys = new LinkedHashMap<>();
        if (TAKES_TAGS.contains(action)) {
            keys.putAll(Tag.requestKeys(request.tags()));
        } else if (UNTAGS.contains(action) && !request.untagKeys().isEmpty()) {
            keys.put("aws:TagKeys", List.copyOf(new LinkedHashSet<>(request.untagKeys())));
        }
        if (!CREATES_TARGET.contains(action)) {
            target.ifPresent(t -> t.tags().forEach(tag -> keys.put("aws:ResourceTag/" + tag.key(), List.of(tag.value()))));
        }
        permissionsBoundary(action, request, target).ifPresent(arn -> keys.put("iam:PermissionsBoundary", List.of(arn)));
        if (ATTACH_DETACH.contains(action)) {
            request.policyArn().ifPresent(arn -> keys.put("iam:PolicyARN", List.of(arn)));
        }
        return keys;
    }

    /** Actions that take tags, whose Tags become aws:RequestTag/K and aws:TagKeys (any other action ignores Tags). */
    private static final Set<String> TAKES_TAGS = Set.of("CreateUser", "CreateRole", "CreatePolicy",
            "CreateVirtualMFADevice", "CreateOpenIDConnectProvider", "TagUser", "TagRole", "TagPolicy", "TagMFADevice",
            "TagOpenIDConnectProvider");
    private static final Set<String> UNTAGS = Set.of("UntagUser", "UntagRole", "UntagPolicy", "UntagMFADevice",
            "UntagOpenIDConnectProvider");
    /** Actions whose target does not exist before them: no aws:ResourceTag (CreateAccessKey's user does exist). */
    private static final Set<String> CREATES_TARGET = Set.of("CreateUser", "CreateRole", "CreatePolicy",
            "CreateVirtualMFADevice", "CreateOpenIDConnectProvider");
    private static final Set<String> ATTACH_DETACH = Set.of("AttachUserPolicy", "AttachRolePolicy", "DetachUserPolicy",
            "DetachRolePolicy");
    private static final Set<String> BOUNDARY_GIVEN = Set.of("CreateUser", "CreateRole", "PutUserPermissionsBoundary",
            "PutRolePermissionsBoundary");
    private static final Set<String> BOUNDARY_OF_TARGET = Set.of("AttachUserPolicy", "AttachRolePolicy",
            "DetachUserPolicy", "DetachRolePolicy", "PutUserPolicy", "PutRolePolicy", "DeleteUserPolicy",
            "DeleteRolePolicy", "DeleteUserPermissionsBoundary", "DeleteRolePermissionsBoundary");

    /** Every action named above, by its lower-cased name. */
    private static final Map<String, String> KNOWN = Stream.of(TAKES_TAGS, UNTAGS, CREATES_TARGET, ATTACH_DETACH,
                    BOUNDARY_GIVEN, BOUNDARY_OF_TARGET).flatMap(Set::stream).distinct()
            .collect(Collectors.toUnmodifiableMap(name -> name.toLowerCase(Locale.ROOT), name -> name));

    /** Policies (and so the simulator and the authorize API) name actions in any case; the rules use AWS's spelling. */
    private static String canonical(String action) {
        return KNOWN.getOrDefault(action.toLowerCase(Locale.ROOT), action);
    }

    private static Optional<String> permissionsBoundary(String action, RequestValues request, Optional<Target> target) {
        if (BOUNDARY_GIVEN.contains(action)) {
            return request.permissionsBoundary();
        }
        if (BOUNDARY_OF_TARGET.contains(action)) {
            return target.flatMap(Target::permissionsBoundary);
        }
        return Optional.empty();
    }

    /**
     * The existing role, user or OpenID Connect provider of the caller's own account that the ARN names; empty for
     * anything else.
     */
    private Optional<Target> target(String action, String resourceArn, String callerAccount) {
        if (CREATES_TARGET.contains(canonical(action)) || resourceArn == null || !resourceArn.startsWith("arn:")) {
            return Optional.empty();
        }
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
        if (!arn.service().equals("iam") || !arn.account().equals(callerAccount)) {
            return Optional.empty();
        }
        if (arn.resourceType().equals("oidc-provider")) {
            // A provider's name is its whole HOST/PATH, slashes included: it is found by its ARN.
            return resourceArn.contains("*") ? Optional.empty() : iam.findOidcProvider(resourceArn)
                    .filter(provider -> provider.account().equals(callerAccount)).map(Target::of);
        }
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        if (name.isEmpty() || name.contains("*")) {
            return Optional.empty();
        }
        return switch (arn.resourceType().toLowerCase(Locale.ROOT)) {
            case "user" -> iam.findUser(arn.account(), name).filter(user -> user.arn().equals(resourceArn)).map(Target::of);
            case "role" -> iam.findRole(arn.account(), name).filter(role -> role.arn().equals(resourceArn)).map(Target::of);
            default -> Optional.empty();
        };
    }
}

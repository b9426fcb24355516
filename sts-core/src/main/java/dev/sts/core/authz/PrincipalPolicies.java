package dev.sts.core.authz;

import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.Tag;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.ManagedPolicyArns;
import dev.sts.core.policy.NamedPolicy;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.PolicyType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity-side policies of a user or role, as the evaluator takes them: inline policies, the
 * default versions of attached managed policies, and the permissions boundary. Each is named as IAM's
 * simulator names its sources (the managed policy's ARN, or {@code user/NAME/inline/POLICY}).
 */
public final class PrincipalPolicies {
    private static final String ALLOWS_EVERYTHING =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    /** A statement whose NotAction "*" matches no action: a policy that grants nothing. */
    private static final String ALLOWS_NOTHING =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}";

    private final IamRepository iam;
    private final PolicyDocumentCache documents;

    public PrincipalPolicies(IamRepository iam, PolicyDocumentCache documents) {
        this.iam = iam;
        this.documents = documents;
    }

    public PolicySet ofUser(IamUser user) {
        return set(identity(user.account(), "user/" + user.userName(), user.inlinePolicies(), user.attachedPolicyArns()),
                boundary(user.account(), user.permissionsBoundaryArn()));
    }

    public PolicySet ofRole(IamRole role) {
        return set(identity(role.account(), "role/" + role.roleName(), role.inlinePolicies(), role.attachedPolicyArns()),
                boundary(role.account(), role.permissionsBoundaryArn()));
    }

    /**
     * The policies that apply to an authenticated caller: a user's own; for a role session its role's,
     * intersected with its session policies; for a federated user its issuing user's, intersected with its
     * session policies (none given means no permissions, as AWS). Empty when a long-term caller's user no longer
     * exists.
     * <p>
     * A session is bound to the unique id of the user or role it acts for ({@code AIDA…}, {@code AROA…}), not to
     * its name: when that entity has been deleted, or deleted and recreated under the same name, the session
     * acts for a principal that no longer exists and is refused, as on AWS (its credentials still authenticate).
     *
     * @throws StsException AccessDenied for a session whose user or role no longer exists or has another unique id
     */
    public Optional<PolicySet> ofCaller(AuthenticatedCaller caller) {
        CallerIdentity identity = caller.identity();
        Optional<SessionContext> context = caller.session().flatMap(SessionClaims::context);
        if (context.isEmpty()) {
            if (identity.type() != PrincipalType.IAM_USER) {
                return Optional.of(PolicySet.ofIdentity(List.of()));
            }
            Optional<IamUser> user = iam.findUser(identity.account(), identity.name())
                    .filter(found -> found.userId().equals(identity.userId()));
            if (user.isEmpty() && caller.usesTemporaryCredentials()) {
                throw principalGone(identity);
            }
            return user.map(this::ofUser);
        }
        SessionContext session = context.get();
        Arn issuer = Arn.parse(session.issuerArn());
        PolicySet base;
        if (session.kind() == SessionContext.Kind.ASSUMED_ROLE) {
            base = ofRole(currentRole(identity, session));
        } else if (issuer.resource().equals("root")) {
            // A root may do anything in its account: its federated users are bounded by their session policies only.
            base = PolicySet.ofIdentity(List.of(new NamedPolicy(session.issuerArn(), PolicyType.IDENTITY,
                    documents.parse(ALLOWS_EVERYTHING, PolicyKind.IDENTITY))));
        } else {
            base = ofUser(currentIssuingUser(identity, session));
        }
        boolean federated = session.kind() == SessionContext.Kind.FEDERATED_USER;
        return Optional.of(session.hasSessionPolicies() || federated
                ? new PolicySet(base.identityPolicies(), base.permissionsBoundary(), Optional.of(sessionPolicies(session)),
                base.resourcePolicy())
                : base);
    }

    /**
     * The caller's principal tags ({@code aws:PrincipalTag/*}): a user's tags; for a role session its role's
     * tags with the session's tags taking precedence, as AWS.
     *
     * @throws StsException AccessDenied for a session whose user or role no longer exists (see {@link #ofCaller})
     */
    public List<Tag> tagsOf(AuthenticatedCaller caller) {
        CallerIdentity identity = caller.identity();
        Optional<SessionContext> context = caller.session().flatMap(SessionClaims::context);
        if (context.isEmpty()) {
            if (identity.type() != PrincipalType.IAM_USER) {
                return List.of();
            }
            Optional<IamUser> user = iam.findUser(identity.account(), identity.name())
                    .filter(found -> found.userId().equals(identity.userId()));
            if (user.isEmpty() && caller.usesTemporaryCredentials()) {
                throw principalGone(identity);
            }
            return user.map(IamUser::tags).orElse(List.of());
        }
        SessionContext session = context.get();
        Map<String, Tag> tags = new java.util.LinkedHashMap<>();
        if (session.kind() == SessionContext.Kind.ASSUMED_ROLE) {
            currentRole(identity, session).tags()
                    .forEach(tag -> tags.put(tag.key().toLowerCase(java.util.Locale.ROOT), tag));
        }
        session.tags().forEach(tag -> tags.put(tag.key().toLowerCase(java.util.Locale.ROOT), tag));
        return List.copyOf(tags.values());
    }

    /** The role of a role session, if it is still the role the session was issued for (same unique id). */
    private IamRole currentRole(CallerIdentity identity, SessionContext session) {
        Arn role = Arn.parse(session.issuerArn());
        return iam.findRole(role.account(), role.resource().substring(role.resource().lastIndexOf('/') + 1))
                .filter(found -> found.roleId().equals(session.issuerId()))
                .orElseThrow(() -> principalGone(identity));
    }

    /** The IAM user who issued a federated session, if still the same user (same unique id). */
    private IamUser currentIssuingUser(CallerIdentity identity, SessionContext session) {
        Arn user = Arn.parse(session.issuerArn());
        return iam.findUser(user.account(), user.resource().substring(user.resource().lastIndexOf('/') + 1))
                .filter(found -> found.userId().equals(session.issuerId()))
                .orElseThrow(() -> principalGone(identity));
    }

    private static StsException principalGone(CallerIdentity identity) {
        return new StsException(StsErrorCode.ACCESS_DENIED, "User: " + identity.arn()
                + " is not authorized to perform this action: the IAM principal this session was issued for no longer exists");
    }

    private List<NamedPolicy> sessionPolicies(SessionContext session) {
        List<NamedPolicy> policies = new ArrayList<>();
        session.policy().ifPresent(json -> policies.add(new NamedPolicy("session-policy", PolicyType.SESSION,
                documents.parse(json, PolicyKind.SESSION))));
        for (String arn : session.policyArns()) {
            iam.findPolicy(arn).ifPresent(policy -> policies.add(new NamedPolicy(policy.arn(), PolicyType.SESSION,
                    documents.parse(policy.defaultVersion().document(), PolicyKind.SESSION))));
        }
        return policies;
    }

    /** A policy given directly (simulator inputs, a resource's policy, a session policy named by ARN), parsed as its type requires. */
    public NamedPolicy inputPolicy(String name, String json, PolicyType type) {
        PolicyKind kind = switch (type) {
            case IDENTITY -> PolicyKind.IDENTITY;
            case PERMISSIONS_BOUNDARY -> PolicyKind.BOUNDARY;
            case SESSION -> PolicyKind.SESSION;
            case RESOURCE -> PolicyKind.RESOURCE;
        };
        return new NamedPolicy(name, type, documents.parse(json, kind));
    }

    private List<NamedPolicy> identity(String account, String owner, Map<String, String> inline, List<String> attachedArns) {
        List<NamedPolicy> policies = new ArrayList<>();
        inline.forEach((name, json) -> policies.add(new NamedPolicy(owner + "/inline/" + name, PolicyType.IDENTITY,
                documents.parse(json, PolicyKind.IDENTITY))));
        for (String arn : attachedArns) {
            // A managed policy deleted after it was attached grants nothing (deletion refuses while attached), nor
            // does another account's customer managed policy, however it came to be attached.
            iam.findPolicy(arn).filter(policy -> ManagedPolicyArns.attachableIn(account, policy)).ifPresent(policy -> policies.add(new NamedPolicy(policy.arn(), PolicyType.IDENTITY,
                    documents.parse(policy.defaultVersion().document(), PolicyKind.IDENTITY))));
        }
        return policies;
    }

    private Optional<NamedPolicy> boundary(String account, String boundaryArn) {
        if (boundaryArn == null) {
            return Optional.empty();
        }
        // A boundary that no longer exists (or is another account's) still bounds: it allows nothing, rather than
        // lifting the bound.
        String json = iam.findPolicy(boundaryArn).filter(policy -> ManagedPolicyArns.attachableIn(account, policy)).map(p -> p.defaultVersion().document()).orElse(ALLOWS_NOTHING);
        return Optional.of(new NamedPolicy(boundaryArn, PolicyType.PERMISSIONS_BOUNDARY,
                documents.parse(json, PolicyKind.BOUNDARY)));
    }

    private static PolicySet set(List<NamedPolicy> identity, Optional<NamedPolicy> boundary) {
        return new PolicySet(identity, boundary, Optional.empty(), Optional.empty());
    }
}

package dev.sts.core.authz;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamUser;
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
        return set(identity("user/" + user.userName(), user.inlinePolicies(), user.attachedPolicyArns()),
                boundary(user.permissionsBoundaryArn()));
    }

    public PolicySet ofRole(IamRole role) {
        return set(identity("role/" + role.roleName(), role.inlinePolicies(), role.attachedPolicyArns()),
                boundary(role.permissionsBoundaryArn()));
    }

    /** Identity policies given directly (SimulateCustomPolicy, SimulatePrincipalPolicy's PolicyInputList). */
    public NamedPolicy inputPolicy(String name, String json, PolicyType type) {
        PolicyKind kind = type == PolicyType.PERMISSIONS_BOUNDARY ? PolicyKind.BOUNDARY
                : type == PolicyType.RESOURCE ? PolicyKind.RESOURCE : PolicyKind.IDENTITY;
        return new NamedPolicy(name, type, documents.parse(json, kind));
    }

    private List<NamedPolicy> identity(String owner, Map<String, String> inline, List<String> attachedArns) {
        List<NamedPolicy> policies = new ArrayList<>();
        inline.forEach((name, json) -> policies.add(new NamedPolicy(owner + "/inline/" + name, PolicyType.IDENTITY,
                documents.parse(json, PolicyKind.IDENTITY))));
        for (String arn : attachedArns) {
            // A managed policy deleted after it was attached grants nothing (deletion refuses while attached).
            iam.findPolicy(arn).ifPresent(policy -> policies.add(new NamedPolicy(policy.arn(), PolicyType.IDENTITY,
                    documents.parse(policy.defaultVersion().document(), PolicyKind.IDENTITY))));
        }
        return policies;
    }

    private Optional<NamedPolicy> boundary(String boundaryArn) {
        if (boundaryArn == null) {
            return Optional.empty();
        }
        // A boundary that no longer exists still bounds: it allows nothing, rather than lifting the bound.
        String json = iam.findPolicy(boundaryArn).map(p -> p.defaultVersion().document()).orElse(ALLOWS_NOTHING);
        return Optional.of(new NamedPolicy(boundaryArn, PolicyType.PERMISSIONS_BOUNDARY,
                documents.parse(json, PolicyKind.BOUNDARY)));
    }

    private static PolicySet set(List<NamedPolicy> identity, Optional<NamedPolicy> boundary) {
        return new PolicySet(identity, boundary, Optional.empty(), Optional.empty());
    }
}

package dev.sts.core.iam;

import dev.sts.core.arn.Arn;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IAM role: an identity with no credentials of its own, assumed by the principals its trust policy names.
 *
 * @param assumeRolePolicyDocument the trust policy (JSON)
 * @param maxSessionDuration       3,600–43,200 seconds
 * @param inlinePolicies           policy name to JSON document
 * @param attachedPolicyArns       managed policies attached to the role
 * @param permissionsBoundaryArn   the managed policy bounding the role's permissions, or null
 */
public record IamRole(String account, String roleName, String path, String roleId, Instant createDate,
                      String assumeRolePolicyDocument, String description, int maxSessionDuration, List<Tag> tags,
                      Map<String, String> inlinePolicies, List<String> attachedPolicyArns, String permissionsBoundaryArn)
        implements PolicyHolder<IamRole> {
    public static final int DEFAULT_MAX_SESSION_DURATION = 3_600;

    public IamRole {
        tags = tags == null ? List.of() : List.copyOf(tags);
        inlinePolicies = inlinePolicies == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(inlinePolicies));
        attachedPolicyArns = attachedPolicyArns == null ? List.of() : List.copyOf(attachedPolicyArns);
    }

    @Override
    public String name() {
        return roleName;
    }

    public String arn() {
        return Arn.iam(account, "role" + path + roleName).toString();
    }

    public IamRole withTrustPolicy(String document) {
        return new IamRole(account, roleName, path, roleId, createDate, document, description, maxSessionDuration, tags,
                inlinePolicies, attachedPolicyArns, permissionsBoundaryArn);
    }

    public IamRole withDescriptionAndMaxSession(String newDescription, int newMaxSessionDuration) {
        return new IamRole(account, roleName, path, roleId, createDate, assumeRolePolicyDocument, newDescription,
                newMaxSessionDuration, tags, inlinePolicies, attachedPolicyArns, permissionsBoundaryArn);
    }

    @Override
    public IamRole withTags(List<Tag> newTags) {
        return new IamRole(account, roleName, path, roleId, createDate, assumeRolePolicyDocument, description,
                maxSessionDuration, newTags, inlinePolicies, attachedPolicyArns, permissionsBoundaryArn);
    }

    @Override
    public IamRole withInlinePolicies(Map<String, String> policies) {
        return new IamRole(account, roleName, path, roleId, createDate, assumeRolePolicyDocument, description,
                maxSessionDuration, tags, policies, attachedPolicyArns, permissionsBoundaryArn);
    }

    @Override
    public IamRole withAttachedPolicyArns(List<String> arns) {
        return new IamRole(account, roleName, path, roleId, createDate, assumeRolePolicyDocument, description,
                maxSessionDuration, tags, inlinePolicies, arns, permissionsBoundaryArn);
    }

    @Override
    public IamRole withPermissionsBoundary(String boundaryArn) {
        return new IamRole(account, roleName, path, roleId, createDate, assumeRolePolicyDocument, description,
                maxSessionDuration, tags, inlinePolicies, attachedPolicyArns, boundaryArn);
    }
}

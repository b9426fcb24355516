package dev.sts.core.iam;

import dev.sts.core.arn.Arn;
import dev.sts.core.identity.CallerIdentity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IAM user: a named principal in one account that may hold long-term access keys.
 *
 * @param inlinePolicies         policy name to JSON document
 * @param attachedPolicyArns     managed policies attached to the user
 * @param permissionsBoundaryArn the managed policy bounding the user's permissions, or null
 */
public record IamUser(String account, String userName, String path, String userId, Instant createDate, List<Tag> tags,
                      Map<String, String> inlinePolicies, List<String> attachedPolicyArns, String permissionsBoundaryArn)
        implements PolicyHolder<IamUser> {
    public IamUser {
        tags = tags == null ? List.of() : List.copyOf(tags);
        inlinePolicies = inlinePolicies == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(inlinePolicies));
        attachedPolicyArns = attachedPolicyArns == null ? List.of() : List.copyOf(attachedPolicyArns);
    }

    public IamUser(String account, String userName, String path, String userId, Instant createDate) {
        this(account, userName, path, userId, createDate, List.of(), Map.of(), List.of(), null);
    }

    @Override
    public String name() {
        return userName;
    }

    public String arn() {
        return Arn.iam(account, "user" + path + userName).toString();
    }

    public CallerIdentity asCaller() {
        return CallerIdentity.user(account, path, userName, userId);
    }

    @Override
    public IamUser withTags(List<Tag> newTags) {
        return new IamUser(account, userName, path, userId, createDate, newTags, inlinePolicies, attachedPolicyArns,
                permissionsBoundaryArn);
    }

    @Override
    public IamUser withInlinePolicies(Map<String, String> policies) {
        return new IamUser(account, userName, path, userId, createDate, tags, policies, attachedPolicyArns,
                permissionsBoundaryArn);
    }

    @Override
    public IamUser withAttachedPolicyArns(List<String> arns) {
        return new IamUser(account, userName, path, userId, createDate, tags, inlinePolicies, arns, permissionsBoundaryArn);
    }

    @Override
    public IamUser withPermissionsBoundary(String boundaryArn) {
        return new IamUser(account, userName, path, userId, createDate, tags, inlinePolicies, attachedPolicyArns, boundaryArn);
    }
}

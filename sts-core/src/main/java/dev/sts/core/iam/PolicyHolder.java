package dev.sts.core.iam;

import java.util.List;
import java.util.Map;

/**
 * What IAM roles and users have alike: tags, inline policies, attached managed policies and a permissions
 * boundary. Each change returns a new value, as the records are immutable.
 *
 * @param <T> the holder itself, so that a change returns its own type
 */
public interface PolicyHolder<T extends PolicyHolder<T>> {
    String account();

    /** The role's or user's name. */
    String name();

    List<Tag> tags();

    /** Policy name to JSON document. */
    Map<String, String> inlinePolicies();

    List<String> attachedPolicyArns();

    T withTags(List<Tag> tags);

    T withInlinePolicies(Map<String, String> policies);

    T withAttachedPolicyArns(List<String> arns);

    T withPermissionsBoundary(String boundaryArn);
}

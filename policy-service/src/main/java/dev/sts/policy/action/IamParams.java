package dev.sts.policy.action;

import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.Tag;
import dev.sts.core.protocol.ParameterConstraints;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.ValidationErrors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading the IAM API's common parameters: names, paths, tags, policy ARNs. */
final class IamParams {
    private IamParams() {
    }

    static String name(IamRules rules, QueryParameters params, String member) {
        String value = params.required(member);
        rules.name(member, value);
        return value;
    }

    static String path(IamRules rules, QueryParameters params) {
        String path = params.optional("Path").orElse("/");
        rules.path(path);
        return path;
    }

    static List<Tag> tags(IamRules rules, QueryParameters params) {
        List<Tag> tags = params.memberStructs("Tags", "Key", "Value").stream()
                .map(member -> new Tag(member.get("Key"), member.getOrDefault("Value", "")))
                .toList();
        rules.tags(tags);
        return tags;
    }

    /** Tag*'s Tags: at least one, each valid; AWS's refusal when there is none. */
    static List<Tag> addedTags(IamRules rules, QueryParameters params) {
        List<Tag> added = tags(rules, params);
        if (added.isEmpty()) {
            throw StsException.validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
        }
        return added;
    }

    /** Untag*'s TagKeys: at least one, each valid; AWS's refusal when there is none. */
    static List<String> removedTagKeys(QueryParameters params) {
        List<String> keys = params.memberList("TagKeys");
        if (keys.isEmpty()) {
            throw StsException.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
        }
        tagKeys(keys);
        return keys;
    }

    /** An entity's tags after Tag*: keys compare without case, a new value replaces the old; the quota checked after. */
    static List<Tag> merged(IamRules rules, List<Tag> current, List<Tag> added) {
        Map<String, Tag> merged = new LinkedHashMap<>();
        current.forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
        added.forEach(tag -> merged.put(tag.key().toLowerCase(Locale.ROOT), tag));
        List<Tag> tags = new ArrayList<>(merged.values());
        rules.tags(tags);
        return tags;
    }

    /** An entity's tags after Untag*: keys compare without case; a key it does not have is ignored, as on AWS. */
    static List<Tag> without(List<Tag> current, List<String> keys) {
        Set<String> removed = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return current.stream().filter(tag -> !removed.contains(tag.key().toLowerCase(Locale.ROOT))).toList();
    }

    /** UntagRole/UntagUser/UntagPolicy's TagKeys: at most 50, each a tag key by AWS's pattern. */
    static void tagKeys(List<String> keys) {
        ValidationErrors errors = new ValidationErrors();
        if (keys.size() > IamRules.MAX_TAGS) {
            errors.violated("tagKeys", null, "Member must have length less than or equal to " + IamRules.MAX_TAGS);
        } else {
            for (int i = 0; i < keys.size(); i++) {
                ParameterConstraints.TAG_KEY.check("tagKeys." + (i + 1) + ".member", keys.get(i), errors);
            }
        }
        errors.throwIfAny();
    }

    /** A policy ARN parameter, which must be an IAM policy ARN. */
    static String policyArn(QueryParameters params, String member) {
        String value = params.required(member);
        Arn arn = Arn.parse(value);
        if (!arn.service().equals("iam") || !arn.resourceType().equals("policy")) {
            throw new StsException(StsErrorCode.INVALID_INPUT, "ARN " + value + " is not valid.");
        }
        return value;
    }

    static String account(AuthenticatedCaller caller) {
        return caller.identity().account();
    }
}

package dev.sts.core.iam;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A tag on a role, user or session: key 1–128 characters, value 0–256. */
public record Tag(String key, String value) {
    /**
     * The condition keys of a request that carries tags, as AWS sets them on every action that takes tags (IAM's
     * Create* and Tag*, AssumeRole, GetFederationToken): {@code aws:RequestTag/K} for each tag and {@code aws:TagKeys}
     * (each key once, in request order); none without tags.
     */
    public static Map<String, List<String>> requestKeys(List<Tag> tags) {
        if (tags.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Set<String> tagKeys = new LinkedHashSet<>();
        for (Tag tag : tags) {
            keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value()));
            tagKeys.add(tag.key());
        }
        keys.put("aws:TagKeys", List.copyOf(tagKeys));
        return keys;
    }
}

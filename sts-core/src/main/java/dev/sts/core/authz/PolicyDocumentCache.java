package dev.sts.core.authz;

import dev.sts.core.policy.PolicyDocument;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicyParser;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed policy documents, keyed by their text: stored policies are parsed once, not on every decision.
 * Documents never change in place (a change is a new text), so entries never go stale; the cache is
 * bounded, and cleared when full.
 */
public final class PolicyDocumentCache {
    private final int maxEntries;
    private final ConcurrentHashMap<Key, PolicyDocument> parsed = new ConcurrentHashMap<>();

    public PolicyDocumentCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public PolicyDocument parse(String json, PolicyKind kind) {
        Key key = new Key(kind, json);
        PolicyDocument document = parsed.get(key);
        if (document == null) {
            document = PolicyParser.parse(json, kind);
            if (parsed.size() >= maxEntries) {
                parsed.clear();
            }
            parsed.put(key, document);
        }
        return document;
    }

    int size() {
        return parsed.size();
    }

    private record Key(PolicyKind kind, String json) {
    }
}

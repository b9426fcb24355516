package dev.sts.core.authz;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sts.core.policy.PolicyDocument;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicyParser;

/**
 * Parsed policy documents, keyed by their text: stored policies are parsed once, not on every decision.
 * Documents never change in place (a change is a new text), so entries never go stale. The cache is bounded
 * by an estimate of the bytes it retains, not by a count: a few large documents (a SimulateCustomPolicy may
 * carry 131,072 characters per policy) cannot fill the heap. Caffeine evicts by frequency and recency.
 */
public final class PolicyDocumentCache {
    /** Retained bytes per character of text: the text itself (up to 2) plus its compiled matchers. */
    static final int BYTES_PER_CHARACTER = 6;
    /** Retained bytes of an entry beyond its text: the key, the document and its statements' objects. */
    static final int ENTRY_OVERHEAD = 512;

    private final Cache<Key, PolicyDocument> parsed;

    /** @param maxBytes the budget of retained bytes, estimated by {@link #weight(String)} */
    public PolicyDocumentCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative");
        }
        this.parsed = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, PolicyDocument document) -> weight(key.json()))
                .executor(Runnable::run)
                .build();
    }

    /** @throws dev.sts.core.error.StsException MalformedPolicyDocument; a document that does not parse is not kept */
    public PolicyDocument parse(String json, PolicyKind kind) {
        Key key = new Key(kind, json);
        PolicyDocument document = parsed.getIfPresent(key);
        if (document == null) {
            document = PolicyParser.parse(json, kind);
            parsed.put(key, document);
        }
        return document;
    }

    /** The estimated bytes an entry for {@code json} retains. */
    static int weight(String json) {
        return (int) Math.min(Integer.MAX_VALUE, ENTRY_OVERHEAD + (long) BYTES_PER_CHARACTER * json.length());
    }

    int size() {
        parsed.cleanUp();
        return (int) parsed.estimatedSize();
    }

    /** The estimated bytes retained now. */
    long weightedSize() {
        parsed.cleanUp();
        return parsed.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    private record Key(PolicyKind kind, String json) {
    }
}

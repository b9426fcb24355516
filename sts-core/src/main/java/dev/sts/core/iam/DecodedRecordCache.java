package dev.sts.core.iam;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.function.Function;

/**
 * IAM entities decoded from their stored JSON, keyed by the exact text and the entity type: a record that has
 * not changed is decoded once, not on every read. A change to a record is a new text, so an entry can never be
 * stale; an old text's entry is merely never asked for again and ages out. Bounded by an estimate of the bytes
 * it retains (Caffeine evicts by frequency and recency), so a few very large records cannot crowd the heap; an eviction
 * costs a decode and never a wrong answer.
 * <p>
 * Safe only for types whose instances are immutable (records whose collections are immutable copies), since
 * every reader of one text gets the same instance.
 */
final class DecodedRecordCache {
    /** Retained bytes per character of text: the text (up to 2) and the decoded record (about as much again). */
    static final int BYTES_PER_CHARACTER = 4;
    static final int ENTRY_OVERHEAD = 256;

    private final Cache<Key, Object> decoded;

    /** @param maxBytes the budget of retained bytes, estimated by {@link #weight(String)}; positive */
    DecodedRecordCache(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.decoded = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Object entity) -> weight(key.json()))
                .executor(Runnable::run)
                .build();
    }

    /** The entity {@code json} decodes to, by {@code decoder} unless this text was decoded as this type before. */
    <T> T decode(String json, Class<T> type, Function<String, T> decoder) {
        Key key = new Key(type, json);
        Object cached = decoded.getIfPresent(key);
        if (cached != null) {
            return type.cast(cached);
        }
        T entity = decoder.apply(json);
        decoded.put(key, entity);
        return entity;
    }

    static int weight(String json) {
        return (int) Math.min(Integer.MAX_VALUE, ENTRY_OVERHEAD + (long) BYTES_PER_CHARACTER * json.length());
    }

    int size() {
        decoded.cleanUp();
        return (int) decoded.estimatedSize();
    }

    long weightedSize() {
        decoded.cleanUp();
        return decoded.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    private record Key(Class<?> type, String json) {
    }
}

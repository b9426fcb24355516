package dev.sts.core.iam;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * IAM entities decoded from their stored JSON, keyed by the exact text and the entity type: a record that has
 * not changed is decoded once, not on every read. A change to a record is a new text, so an entry can never be
 * stale; an old text's entry is merely never asked for again. Bounded: cleared when full, which costs a few
 * decodes and never a wrong answer.
 * <p>
 * Safe only for types whose instances are immutable (records whose collections are immutable copies), since
 * every reader of one text gets the same instance.
 */
final class DecodedRecordCache {
    private final int maxEntries;
    private final ConcurrentHashMap<Key, Object> decoded = new ConcurrentHashMap<>();

    DecodedRecordCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /** The entity {@code json} decodes to, by {@code decoder} unless this text was decoded as this type before. */
    <T> T decode(String json, Class<T> type, Function<String, T> decoder) {
        Key key = new Key(type, json);
        Object cached = decoded.get(key);
        if (cached != null) {
            return type.cast(cached);
        }
        T entity = decoder.apply(json);
        if (decoded.size() >= maxEntries) {
            decoded.clear();
        }
        decoded.put(key, entity);
        return entity;
    }

    int size() {
        return decoded.size();
    }

    private record Key(Class<?> type, String json) {
    }
}

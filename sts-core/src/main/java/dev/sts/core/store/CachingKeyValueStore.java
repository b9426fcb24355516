package dev.sts.core.store;

import dev.sts.core.port.KeyValueStore;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-only, read-through cache in front of another {@link KeyValueStore}, for a service that reads
 * state another service writes (token-service reading IAM state that policy-service owns).
 * <p>
 * The writer announces every change (on Kafka); the reader calls {@link #invalidateAll()} for each, so
 * the cache never serves a value older than the last announced change. Changes are rare next to reads,
 * so clearing everything is simpler than knowing which keys a change touches, and costs only refills.
 * A read racing an invalidation is not kept, so it can never put back what the change replaced.
 */
public final class CachingKeyValueStore implements KeyValueStore {
    private final KeyValueStore source;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Optional<String>> values = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> indexes = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public CachingKeyValueStore(KeyValueStore source, int maxEntries) {
        this.source = source;
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<String> get(String key) {
        Optional<String> cached = values.get(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Optional<String> fresh = source.get(key);
        keep(values, key, fresh, before);
        return fresh;
    }

    @Override
    public Set<String> members(String index) {
        Set<String> cached = indexes.get(index);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Set<String> fresh = Set.copyOf(source.members(index));
        keep(indexes, index, fresh, before);
        return fresh;
    }

    /** Forget everything: the next reads go to the source. */
    public void invalidateAll() {
        generation.incrementAndGet();
        values.clear();
        indexes.clear();
    }

    private <V> void keep(ConcurrentHashMap<String, V> cache, String key, V value, long generationBefore) {
        if (values.size() + indexes.size() >= maxEntries) {
            values.clear();
            indexes.clear();
        }
        cache.put(key, value);
        if (generation.get() != generationBefore) {
            cache.remove(key);
        }
    }

    @Override
    public boolean create(String key, String value, String index, String member) {
        throw readOnly();
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        throw readOnly();
    }

    @Override
    public boolean delete(String key, String expected, String index, String member) {
        throw readOnly();
    }

    @Override
    public void addMember(String index, String member) {
        throw readOnly();
    }

    @Override
    public void removeMember(String index, String member) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a cached view is read-only: only the owning service writes");
    }
}

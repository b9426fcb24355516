package dev.sts.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.sts.core.port.KeyValueStore;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-only, read-through cache in front of another {@link KeyValueStore}, for a service that reads
 * state another service writes (token-service reading IAM state that policy-service owns).
 * <p>
 * Two things keep it fresh. The writer announces every change (on Kafka) and the reader calls
 * {@link #invalidateAll()} for each: the fast path, within moments. And every record expires
 * {@code maxStaleness} after it was read, whatever the events do: the bound that holds when an event is lost
 * (a failed send, a consumer that started after it), so a removed grant is never in force for longer.
 * Changes are rare next to reads, so clearing everything is simpler than knowing which keys a change touches,
 * and costs only refills. A read racing an invalidation is not kept, so it can never put back what the change
 * replaced. Events only ever clear, never write, so one that arrives late or twice, or out of order with
 * another, can cost a refill but never bring back older state.
 * <p>
 * The cache is bounded by weight, not count: about the bytes of every key, value and index member kept
 * (Java strings, two bytes a character, plus a fixed overhead per entry and member), so a few very large
 * policies cannot take the heap. Built on Caffeine (expire after write, maximum weight).
 */
public final class CachingKeyValueStore implements KeyValueStore {
    /** Roughly what an entry costs beyond its characters: the cache node, the key and value objects. */
    static final int ENTRY_OVERHEAD_BYTES = 96;
    /** Roughly what each member of a cached index set costs beyond its characters. */
    static final int MEMBER_OVERHEAD_BYTES = 48;

    private final KeyValueStore source;
    private final Cache<Object, Object> cache;
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param maxStaleness how long a record read from the source is served before it is read again (at least 1 ms)
     * @param maxBytes     the most the cached keys, values and index members may weigh, roughly in bytes
     */
    public CachingKeyValueStore(KeyValueStore source, Duration maxStaleness, long maxBytes) {
        this(source, maxStaleness, maxBytes, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /** As {@link #CachingKeyValueStore(KeyValueStore, Duration, long)}, with the time source and maintenance executor given: for tests. */
    public CachingKeyValueStore(KeyValueStore source, Duration maxStaleness, long maxBytes, Ticker ticker, Executor executor) {
        this.source = Objects.requireNonNull(source, "source");
        Objects.requireNonNull(maxStaleness, "maxStaleness");
        if (maxStaleness.toMillis() < 1) {
            throw new IllegalArgumentException("maxStaleness must be at least 1 ms, not " + maxStaleness);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(maxStaleness)
                .maximumWeight(maxBytes)
                .weigher(CachingKeyValueStore::weigh)
                .ticker(ticker)
                .executor(executor)
                .build();
    }

    @Override
    public Optional<String> get(String key) {
        @SuppressWarnings("unchecked")
        Optional<String> cached = (Optional<String>) cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Optional<String> fresh = source.get(key);
        keep(key, fresh, before);
        return fresh;
    }

    @Override
    public Set<String> members(String index) {
        IndexKey key = new IndexKey(index);
        @SuppressWarnings("unchecked")
        Set<String> cached = (Set<String>) cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Set<String> fresh = Set.copyOf(source.members(index));
        keep(key, fresh, before);
        return fresh;
    }

    /** Forget everything: the next reads go to the source. */
    public void invalidateAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }

    /** Runs pending evictions now (Caffeine otherwise does so on its own schedule): for tests. */
    void cleanUp() {
        cache.cleanUp();
    }

    /** The current weight of what is cached, roughly in bytes: for tests. */
    long weight() {
        cache.cleanUp();
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private void keep(Object key, Object value, long generationBefore) {
        cache.put(key, value);
        if (generation.get() != generationBefore) {
            // An invalidation came while the value was being read: it may be what the change replaced.
            cache.invalidate(key);
        }
    }

    private static int weigh(Object key, Object value) {
        long bytes = ENTRY_OVERHEAD_BYTES + 2L * (key instanceof IndexKey index ? index.name().length() : ((String) key).length());
        if (value instanceof Optional<?> document) {
            bytes += document.map(text -> 2L * ((String) text).length()).orElse(0L);
        } else {
            for (Object member : (Set<?>) value) {
                bytes += MEMBER_OVERHEAD_BYTES + 2L * ((String) member).length();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** An index set's name, kept apart from document keys of the same text. */
    private record IndexKey(String name) {
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

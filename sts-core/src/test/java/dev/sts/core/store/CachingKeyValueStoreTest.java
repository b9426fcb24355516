package dev.sts.core.store;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.sts.core.port.KeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingKeyValueStoreTest {
    private static final Duration STALENESS = Duration.ofSeconds(5);
    private static final long BYTES = 1 << 20;

    private final InMemoryKeyValueStore source = new InMemoryKeyValueStore();
    private final AtomicInteger reads = new AtomicInteger();
    private final FakeTicker ticker = new FakeTicker();
    private final CachingKeyValueStore cache = cache(new Counting(source, reads), BYTES);

    private CachingKeyValueStore cache(KeyValueStore from, long maxBytes) {
        return new CachingKeyValueStore(from, STALENESS, maxBytes, ticker, Runnable::run);
    }

    @Test
    void readsOnceUntilInvalidated() {
        source.create("k", "v1", "idx", "k");
        assertThat(cache.get("k")).contains("v1");
        assertThat(cache.get("k")).contains("v1");
        assertThat(cache.members("idx")).containsExactly("k");
        assertThat(cache.members("idx")).containsExactly("k");
        assertThat(reads).hasValue(2);

        source.replace("k", "v1", "v2");
        assertThat(cache.get("k")).contains("v1");
        cache.invalidateAll();
        assertThat(cache.get("k")).contains("v2");
    }

    @Test
    void aChangeWhoseEventIsLostIsSeenOnceTheRecordExpires() {
        source.create("role", "trusts alice", "roles", "role");
        assertThat(cache.get("role")).contains("trusts alice");
        assertThat(cache.members("roles")).containsExactly("role");

        // The change is written, and its event never arrives.
        source.replace("role", "trusts alice", "trusts nobody");
        source.delete("role", "trusts nobody", "roles", "role");
        ticker.advance(STALENESS.minusMillis(1));
        assertThat(cache.get("role")).contains("trusts alice");
        assertThat(cache.members("roles")).containsExactly("role");

        ticker.advance(Duration.ofMillis(1));
        assertThat(cache.get("role")).isEmpty();
        assertThat(cache.members("roles")).isEmpty();
    }

    @Test
    void expiryCountsFromTheReadNotFromTheLastUse() {
        source.create("k", "v1", "idx", "k");
        cache.get("k");
        for (int i = 0; i < 4; i++) {
            ticker.advance(Duration.ofSeconds(1));
            cache.get("k");
        }
        source.replace("k", "v1", "v2");
        ticker.advance(Duration.ofSeconds(1));
        assertThat(cache.get("k")).contains("v2");
    }

    @Test
    void absenceIsCachedTooAndExpiresToo() {
        assertThat(cache.get("missing")).isEmpty();
        assertThat(cache.get("missing")).isEmpty();
        assertThat(reads).hasValue(1);
        source.create("missing", "now here", "idx", "missing");
        ticker.advance(STALENESS);
        assertThat(cache.get("missing")).contains("now here");
    }

    @Test
    void aReadRacingAnInvalidationIsNotKept() {
        source.create("k", "old", "idx", "k");
        AtomicInteger calls = new AtomicInteger();
        CachingKeyValueStore[] racing = new CachingKeyValueStore[1];
        racing[0] = cache(new Counting(source, reads) {
            @Override
            public Optional<String> get(String key) {
                Optional<String> stale = super.get(key);
                if (calls.incrementAndGet() == 1) {
                    // The change lands, and is announced, while the first read is still in flight.
                    source.replace("k", "old", "new");
                    racing[0].invalidateAll();
                }
                return stale;
            }
        }, BYTES);
        assertThat(racing[0].get("k")).contains("old");
        assertThat(racing[0].get("k")).contains("new");
    }

    @Test
    void isBoundedByTheBytesOfWhatItHoldsNotByHowManyEntries() {
        String large = "x".repeat(100_000);
        for (int i = 0; i < 20; i++) {
            source.create("big" + i, large, "idx", "big" + i);
        }
        long bound = 1_000_000;
        CachingKeyValueStore small = cache(new Counting(source, reads), bound);
        for (int i = 0; i < 20; i++) {
            assertThat(small.get("big" + i)).contains(large);
        }
        small.cleanUp();
        // Twenty documents of 200 KB each would be 4 MB: at most five fit under the bound.
        assertThat(small.weight()).isLessThanOrEqualTo(bound).isGreaterThan(0);

        CachingKeyValueStore roomy = cache(new Counting(source, reads), 8_000_000);
        for (int i = 0; i < 20; i++) {
            roomy.get("big" + i);
        }
        assertThat(roomy.weight()).isGreaterThan(20L * 200_000);
    }

    @Test
    void isReadOnlyAndRefusesNonsenseBounds() {
        assertThatThrownBy(() -> cache.create("k", "v", "i", "m")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> cache.replace("k", "v", "w")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new CachingKeyValueStore(source, Duration.ZERO, BYTES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CachingKeyValueStore(source, STALENESS, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class FakeTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }

        @Override
        public long read() {
            return nanos.get();
        }
    }

    private static class Counting implements KeyValueStore {
        private final KeyValueStore inner;
        private final AtomicInteger reads;

        Counting(KeyValueStore inner, AtomicInteger reads) {
            this.inner = inner;
            this.reads = reads;
        }

        public Optional<String> get(String key) {
            reads.incrementAndGet();
            return inner.get(key);
        }

        public Set<String> members(String index) {
            reads.incrementAndGet();
            return inner.members(index);
        }

        public boolean create(String k, String v, String i, String m) { return inner.create(k, v, i, m); }
        public boolean replace(String k, String e, String v) { return inner.replace(k, e, v); }
        public boolean delete(String k, String e, String i, String m) { return inner.delete(k, e, i, m); }
        public void addMember(String i, String m) { inner.addMember(i, m); }
        public void removeMember(String i, String m) { inner.removeMember(i, m); }
    }
}

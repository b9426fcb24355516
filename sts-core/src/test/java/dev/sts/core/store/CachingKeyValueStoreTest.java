package dev.sts.core.store;

import dev.sts.core.port.KeyValueStore;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingKeyValueStoreTest {
    private final InMemoryKeyValueStore source = new InMemoryKeyValueStore();
    private final AtomicInteger reads = new AtomicInteger();
    private final CachingKeyValueStore cache = new CachingKeyValueStore(new Counting(source, reads), 100);

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
    void absenceIsCachedToo() {
        assertThat(cache.get("missing")).isEmpty();
        assertThat(cache.get("missing")).isEmpty();
        assertThat(reads).hasValue(1);
    }

    @Test
    void aReadRacingAnInvalidationIsNotKept() {
        source.create("k", "old", "idx", "k");
        AtomicInteger calls = new AtomicInteger();
        CachingKeyValueStore[] racing = new CachingKeyValueStore[1];
        racing[0] = new CachingKeyValueStore(new Counting(source, reads) {
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
        }, 100);
        assertThat(racing[0].get("k")).contains("old");
        assertThat(racing[0].get("k")).contains("new");
    }

    @Test
    void staysBoundedAndIsReadOnly() {
        CachingKeyValueStore small = new CachingKeyValueStore(new Counting(source, reads), 2);
        small.get("a");
        small.get("b");
        small.get("c");
        small.get("c");
        assertThat(reads).hasValue(3);
        assertThatThrownBy(() -> cache.create("k", "v", "i", "m")).isInstanceOf(UnsupportedOperationException.class);
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

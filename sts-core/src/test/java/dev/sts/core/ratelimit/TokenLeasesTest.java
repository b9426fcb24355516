package dev.sts.core.ratelimit;

import dev.sts.core.port.TokenBuckets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TokenLeasesTest {
    private static final RateLimit FAST = new RateLimit(20_000, 40_000);
    private static final RateLimit SLOW = new RateLimit(1, 2);

    private long now = 0;
    private final CountingBuckets shared = new CountingBuckets(10_000);
    private final TokenLeases leases = new TokenLeases(shared, () -> now);

    @Test
    void aBusyBucketIsAskedOncePerLease() {
        assertThat(TokenLeases.leaseSize(FAST)).isEqualTo(TokenLeases.MAX_LEASE);
        for (int i = 0; i < TokenLeases.MAX_LEASE * 5 / 2; i++) {
            assertThat(leases.tryTake("k", FAST)).isTrue();
        }
        assertThat(shared.calls.get()).isEqualTo(3);
        assertThat(shared.taken.get()).isEqualTo(3 * TokenLeases.MAX_LEASE);
    }

    @Test
    void aSlowLimitTakesOneTokenAtATimeSoItBehavesAsWithoutLeases() {
        assertThat(TokenLeases.leaseSize(SLOW)).isEqualTo(1);
        assertThat(TokenLeases.leaseSize(new RateLimit(20_000, 5))).isEqualTo(5);
        leases.tryTake("k", SLOW);
        leases.tryTake("k", SLOW);
        assertThat(shared.calls.get()).isEqualTo(2);
    }

    @Test
    void neverSpendsMoreThanTheSharedBucketGave() {
        int tokens = TokenLeases.MAX_LEASE + TokenLeases.MAX_LEASE / 2;
        CountingBuckets small = new CountingBuckets(tokens);
        TokenLeases leasing = new TokenLeases(small, () -> now);
        int allowed = 0;
        for (int i = 0; i < 3 * TokenLeases.MAX_LEASE; i++) {
            allowed += leasing.tryTake("k", FAST) ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(tokens);
        assertThat(small.taken.get()).isEqualTo(tokens);
    }

    @Test
    void anExpiredLeaseIsDroppedAndANewOneTaken() {
        leases.tryTake("k", FAST);
        now += TokenLeases.LEASE_SPAN_NANOS;
        leases.tryTake("k", FAST);
        assertThat(shared.calls.get()).isEqualTo(2);
    }

    @Test
    void bucketsAreLeasedSeparately() {
        leases.tryTake("a", FAST);
        leases.tryTake("b", FAST);
        assertThat(shared.calls.get()).isEqualTo(2);
    }

    @Test
    void concurrentCallersShareOneLeaseInsteadOfEachTakingOne() throws Exception {
        TokenLeases leasing = new TokenLeases(shared, () -> 0L);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger allowed = new AtomicInteger();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 10; i++) {
                    if (leasing.tryTake("k", FAST)) {
                        allowed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(allowed.get()).isEqualTo(80);
        // 80 requests need one lease; without serialized refills, threads arriving together at an
        // empty lease would each have taken one.
        assertThat(shared.calls.get()).isEqualTo(1);
    }

    /** A shared bucket with a fixed number of tokens that counts what it is asked for. */
    private static final class CountingBuckets implements TokenBuckets {
        private final AtomicInteger left;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger taken = new AtomicInteger();

        CountingBuckets(int tokens) {
            this.left = new AtomicInteger(tokens);
        }

        @Override
        public synchronized int take(String key, RateLimit limit, int wanted) {
            calls.incrementAndGet();
            int granted = Math.min(wanted, left.get());
            left.addAndGet(-granted);
            taken.addAndGet(granted);
            return granted;
        }
    }
}

package dev.sts.token.store;

import dev.sts.core.port.MfaFailureCounter;
import dev.sts.support.RedisMfaFailureCounter;
import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** MFA failure counts in the tests' real Redis, as token-service wires them ({@link MfaFailureCounter} bean). */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "token-service"))
class RedisMfaFailureCounterTest {
    private static final Duration LONG_WINDOW = Duration.ofMinutes(15);

    @Inject
    MfaFailureCounter counter;

    @Inject
    RedisDataSource redis;

    private static String device() {
        return "arn:aws:iam::111111111111:mfa/" + UUID.randomUUID();
    }

    @Test
    void theServiceCountsInRedis() {
        assertThat(counter).isInstanceOf(RedisMfaFailureCounter.class);
    }

    @Test
    void eachDeviceCountsItsOwnAttemptsWithinOneWindow() {
        String alice = device();
        String bob = device();
        assertThat(counter.countAttempt(alice, LONG_WINDOW)).isEqualTo(1);
        assertThat(counter.countAttempt(alice, LONG_WINDOW)).isEqualTo(2);
        assertThat(counter.countAttempt(bob, LONG_WINDOW)).isEqualTo(1);
        long ttl = redis.key(String.class).pttl("sts:mfa-failures:" + alice);
        assertThat(ttl).isBetween(LONG_WINDOW.minusMinutes(1).toMillis(), LONG_WINDOW.toMillis());
    }

    @Test
    void aForgivenAttemptIsTakenBackButNeverBelowZero() {
        String alice = device();
        counter.countAttempt(alice, LONG_WINDOW);
        counter.countAttempt(alice, LONG_WINDOW);
        counter.forgive(alice);
        assertThat(counter.countAttempt(alice, LONG_WINDOW)).isEqualTo(2);

        String fresh = device();
        counter.forgive(fresh);
        assertThat(redis.key(String.class).exists("sts:mfa-failures:" + fresh)).isFalse();
        assertThat(counter.countAttempt(fresh, LONG_WINDOW)).isEqualTo(1);
    }

    @Test
    void theCountStartsAgainOnceTheWindowEnds() throws Exception {
        String alice = device();
        Duration window = Duration.ofMillis(300);
        assertThat(counter.countAttempt(alice, window)).isEqualTo(1);
        // Later counts do not extend the window: polling keeps counting, every 50 ms, and still the count starts
        // over (counts that extended the window would never let it end).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long count;
        do {
            Thread.sleep(50);
            count = counter.countAttempt(alice, window);
        } while (count != 1 && System.nanoTime() < deadline);
        assertThat(count).isEqualTo(1);
    }

    @Test
    void concurrentAttemptsAreEachCountedOnce() throws Exception {
        String alice = device();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<Long> counts = ConcurrentHashMap.newKeySet();
        try {
            List<Callable<Long>> attempts = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                attempts.add(() -> counter.countAttempt(alice, LONG_WINDOW));
            }
            for (Future<Long> attempt : pool.invokeAll(attempts)) {
                counts.add(attempt.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(counts).hasSize(60).contains(1L, 60L);
    }
}

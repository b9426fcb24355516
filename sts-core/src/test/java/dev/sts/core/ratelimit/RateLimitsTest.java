package dev.sts.core.ratelimit;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.store.InMemoryTokenBuckets;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitsTest {
    private final MovableClock clock = new MovableClock();
    private final RateLimits limits = new RateLimits(new InMemoryTokenBuckets(clock), new RateLimit(10, 3),
            Map.of("AssumeRole", new RateLimit(1, 1)));

    @Test
    void allowsTheBurstThenThrottlesUntilTokensRefill() {
        for (int i = 0; i < 3; i++) {
            limits.acquire("111111111111", "GetCallerIdentity");
        }
        assertThrottled(() -> limits.acquire("111111111111", "GetCallerIdentity"));
        clock.advance(Duration.ofMillis(100));
        assertThatCode(() -> limits.acquire("111111111111", "GetCallerIdentity")).doesNotThrowAnyException();
        assertThrottled(() -> limits.acquire("111111111111", "GetCallerIdentity"));
    }

    @Test
    void oneTenantCannotStarveAnotherNorOneActionAnother() {
        for (int i = 0; i < 3; i++) {
            limits.acquire("111111111111", "GetCallerIdentity");
        }
        assertThatCode(() -> limits.acquire("222222222222", "GetCallerIdentity")).doesNotThrowAnyException();
        assertThatCode(() -> limits.acquire("111111111111", "GetSessionToken")).doesNotThrowAnyException();
    }

    @Test
    void perActionLimitsOverrideTheDefault() {
        limits.acquire("111111111111", "AssumeRole");
        assertThrottled(() -> limits.acquire("111111111111", "AssumeRole"));
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> limits.acquire("111111111111", "AssumeRole")).doesNotThrowAnyException();
    }

    @Test
    void twoApisSharingTheBucketsKeepSeparateAllowances() {
        InMemoryTokenBuckets shared = new InMemoryTokenBuckets(clock);
        RateLimits sts = new RateLimits(shared, new RateLimit(1, 1), Map.of());
        RateLimits iam = new RateLimits(shared, new RateLimit(1, 1), Map.of(), "iam:rate:");
        sts.acquire("111111111111", "GetAccessKeyInfo");
        assertThrottled(() -> sts.acquire("111111111111", "GetAccessKeyInfo"));
        assertThatCode(() -> iam.acquire("111111111111", "GetAccessKeyInfo")).doesNotThrowAnyException();
        assertThrottled(() -> iam.acquire("111111111111", "GetAccessKeyInfo"));
    }

    @Test
    void anIdleBucketNeverHoldsMoreThanItsBurst() {
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            limits.acquire("111111111111", "GetCallerIdentity");
        }
        assertThrottled(() -> limits.acquire("111111111111", "GetCallerIdentity"));
    }

    private static void assertThrottled(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.errorCode()).isEqualTo(StsErrorCode.THROTTLING);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).isEqualTo("Rate exceeded");
        });
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

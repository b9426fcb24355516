package dev.sts.core.store;

import dev.sts.core.port.TokenBuckets;
import dev.sts.core.ratelimit.RateLimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets in this process: for unit tests and the memory fallback (limits then apply per instance). */
public final class InMemoryTokenBuckets implements TokenBuckets {
    private final Clock clock;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    public InMemoryTokenBuckets(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean tryTake(String key, RateLimit limit) {
        // Whole milliseconds, subtracted before scaling: epoch seconds as a double lose the fractions that matter.
        long now = clock.millis();
        boolean[] taken = new boolean[1];
        buckets.compute(key, (k, state) -> {
            double tokens = state == null ? limit.burst() : limit.refill(state[0], (now - (long) state[1]) / 1000.0);
            taken[0] = tokens >= 1;
            return new double[]{taken[0] ? tokens - 1 : tokens, now};
        });
        return taken[0];
    }
}

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
    public int take(String key, RateLimit limit, int wanted) {
        // Whole milliseconds, subtracted before scaling: epoch seconds as a double lose the fractions that matter.
        long now = clock.millis();
        int[] taken = new int[1];
        buckets.compute(key, (k, state) -> {
            double tokens = state == null ? limit.burst() : limit.refill(state[0], (now - (long) state[1]) / 1000.0);
            taken[0] = (int) Math.min(wanted, Math.floor(tokens));
            return new double[]{tokens - taken[0], now};
        });
        return taken[0];
    }
}

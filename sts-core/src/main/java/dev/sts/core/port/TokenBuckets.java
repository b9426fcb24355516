package dev.sts.core.port;

import dev.sts.core.ratelimit.RateLimit;

/** Token buckets kept where every instance sees them; taking a token is atomic. */
public interface TokenBuckets {
    /** Takes one token from the bucket under {@code key}, shaped by {@code limit}; false when it is empty. */
    boolean tryTake(String key, RateLimit limit);
}

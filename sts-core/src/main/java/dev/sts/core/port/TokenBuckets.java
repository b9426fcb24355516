package dev.sts.core.port;

import dev.sts.core.ratelimit.RateLimit;

/** Token buckets kept where every instance sees them; taking tokens is atomic. */
public interface TokenBuckets {
    /**
     * Takes up to {@code wanted} whole tokens from the bucket under {@code key}, shaped by {@code limit}.
     * @return how many were taken: 0 when the bucket is empty, fewer than wanted when it runs low
     */
    int take(String key, RateLimit limit, int wanted);
}

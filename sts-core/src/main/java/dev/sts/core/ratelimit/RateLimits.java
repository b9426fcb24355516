package dev.sts.core.ratelimit;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.port.TokenBuckets;

import java.util.Map;

/**
 * Per-account, per-action rate limiting, so one tenant cannot starve another: each (account, action) has
 * its own bucket, shared by every instance. A refusal is AWS's {@code Throttling}, which every AWS SDK
 * retries with back-off. Tokens are taken from the shared buckets in small leases ({@link TokenLeases}).
 */
public final class RateLimits {
    private final TokenLeases leases;
    private final RateLimit defaults;
    private final Map<String, RateLimit> perAction;

    private final String keyPrefix;

    public RateLimits(TokenBuckets buckets, RateLimit defaults, Map<String, RateLimit> perAction) {
        this(buckets, defaults, perAction, "sts:rate:");
    }

    /**
     * @param keyPrefix the shared buckets' key prefix, one per API ({@code sts:rate:} for STS, {@code iam:rate:}
     *                  for IAM), so that the two APIs' allowances never mix
     */
    public RateLimits(TokenBuckets buckets, RateLimit defaults, Map<String, RateLimit> perAction, String keyPrefix) {
        this.leases = new TokenLeases(buckets, System::nanoTime);
        this.defaults = defaults;
        this.perAction = Map.copyOf(perAction);
        this.keyPrefix = keyPrefix;
    }

    /** @throws StsException Throttling when the account has used up its allowance for the action */
    public void acquire(String account, String action) {
        RateLimit limit = perAction.getOrDefault(action, defaults);
        if (!leases.tryTake(keyPrefix + account + ":" + action, limit)) {
            throw new StsException(StsErrorCode.THROTTLING, "Rate exceeded");
        }
    }
}

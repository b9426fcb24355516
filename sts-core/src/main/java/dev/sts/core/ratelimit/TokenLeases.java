package dev.sts.core.ratelimit;

import dev.sts.core.port.TokenBuckets;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Takes tokens from the shared buckets a handful at a time and spends them locally, so a busy bucket costs
 * one round trip to the shared store per lease instead of one per request.
 * <p>
 * A lease is about {@link #LEASE_SPAN_NANOS} worth of the bucket's sustained rate (at most
 * {@link #MAX_LEASE} tokens; one token for slow limits, which therefore behave exactly as without
 * leasing), and what is left of it is dropped after that span. The limit itself always holds: every
 * token spent was first taken from the shared bucket. The price is bounded and conservative: while one
 * instance holds a lease, another may be throttled that much earlier, and unspent tokens are lost.
 */
public final class TokenLeases {
    // Callers of one bucket wait while its lease is refilled, so refills must be rare: under AssumeRole load
    // with 10 ms leases of at most 100 tokens, a tenth of the request threads' time went to that wait.
    static final long LEASE_SPAN_NANOS = 50_000_000L;
    static final int MAX_LEASE = 500;
    private static final int MAX_KEYS = 100_000;

    private final TokenBuckets buckets;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    public TokenLeases(TokenBuckets buckets, LongSupplier nanoTime) {
        this.buckets = buckets;
        this.nanoTime = nanoTime;
    }

    /** Spends one token of the bucket under {@code key}; false when the shared bucket has none to give. */
    public boolean tryTake(String key, RateLimit limit) {
        Lease lease = leases.get(key);
        if (lease == null) {
            if (leases.size() >= MAX_KEYS) {
                leases.clear(); // forgetting leases only wastes their tokens
            }
            lease = leases.computeIfAbsent(key, k -> new Lease());
        }
        return lease.tryTake(key, limit);
    }

    static int leaseSize(RateLimit limit) {
        double perSpan = limit.requestsPerSecond() * LEASE_SPAN_NANOS / 1e9;
        return (int) Math.max(1, Math.min(Math.min(MAX_LEASE, limit.burst()), Math.floor(perSpan)));
    }

    /**
     * One bucket's local lease. Spending is lock-free; refills are serialized per bucket, so callers that
     * find the lease empty together take one new lease between them, not one each.
     */
    private final class Lease {
        private volatile Grant grant = new Grant(0, 0);

        boolean tryTake(String key, RateLimit limit) {
            if (grant.trySpend(nanoTime.getAsLong())) {
                return true;
            }
            synchronized (this) {
                long now = nanoTime.getAsLong();
                if (grant.trySpend(now)) {
                    return true; // another caller refilled it meanwhile
                }
                int granted = buckets.take(key, limit, leaseSize(limit));
                if (granted == 0) {
                    return false;
                }
                grant = new Grant(granted - 1, now + LEASE_SPAN_NANOS);
                return true;
            }
        }
    }

    /** Tokens taken from the shared bucket, spendable until {@code expiresAt} (a {@link System#nanoTime} value). */
    private static final class Grant {
        private final AtomicInteger remaining;
        private final long expiresAt;

        Grant(int tokens, long expiresAt) {
            this.remaining = new AtomicInteger(tokens);
            this.expiresAt = expiresAt;
        }

        boolean trySpend(long now) {
            if (now - expiresAt >= 0) {
                return false;
            }
            for (int left = remaining.get(); left > 0; left = remaining.get()) {
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
            return false;
        }
    }
}

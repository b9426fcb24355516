package dev.sts.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.port.LongTermCredentialDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps recent answers of a slower directory (a remote IAM service) in memory, in a Caffeine cache.
 * <p>
 * Change events call {@link #invalidate}; the time-to-live is only a safety net for a missed event.
 * Unknown keys are remembered briefly too, so a flood of made-up key ids cannot be turned into a
 * flood of remote lookups. An answer fetched while an invalidation arrived is not kept, so a change
 * can never be overwritten by the stale answer of a lookup that was already in flight. The cache holds at most
 * {@code maxEntries} answers (each of about the same small size, so a count bounds its bytes); past that the least
 * useful are evicted, which costs a lookup and never a wrong answer.
 */
public final class CachingCredentialDirectory implements LongTermCredentialDirectory {
    private final LongTermCredentialDirectory source;
    private final Cache<String, Optional<LongTermCredential>> entries;
    private final AtomicLong invalidations = new AtomicLong();

    /**
     * @param clock the time source of the time-to-live (Caffeine's ticker reads it)
     */
    public CachingCredentialDirectory(LongTermCredentialDirectory source, Clock clock, Duration knownTtl,
                                      Duration unknownTtl, int maxEntries) {
        this.source = source;
        long knownNanos = knownTtl.toNanos();
        long unknownNanos = unknownTtl.toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> nanos(clock.instant()))
                .executor(Runnable::run)
                .expireAfter(new Expiry<String, Optional<LongTermCredential>>() {
                    @Override
                    public long expireAfterCreate(String key, Optional<LongTermCredential> value, long now) {
                        return value.isPresent() ? knownNanos : unknownNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Optional<LongTermCredential> value, long now,
                                                  long currentDuration) {
                        return expireAfterCreate(key, value, now);
                    }

                    @Override
                    public long expireAfterRead(String key, Optional<LongTermCredential> value, long now,
                                                long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public Optional<LongTermCredential> find(String accessKeyId) {
        Optional<LongTermCredential> cached = entries.getIfPresent(accessKeyId);
        if (cached != null) {
            return cached;
        }
        long generation = invalidations.get();
        Optional<LongTermCredential> fresh = source.find(accessKeyId);
        entries.put(accessKeyId, fresh);
        if (invalidations.get() != generation) {
            entries.invalidate(accessKeyId);
        }
        return fresh;
    }

    public void invalidate(String accessKeyId) {
        invalidations.incrementAndGet();
        entries.invalidate(accessKeyId);
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        entries.invalidateAll();
    }
}

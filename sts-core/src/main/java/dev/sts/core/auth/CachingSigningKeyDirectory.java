package dev.sts.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sts.core.iam.LongTermSigningKey;
import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.sigv4.CredentialScope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps recent answers of a slower directory (a remote IAM service) in memory, in a Caffeine cache: derived signing
 * keys, keyed by access key id and scope (date, region, service), never secrets, which it never sees.
 * <p>
 * Change events call {@link #invalidate}; the time-to-live is only a safety net for a missed event.
 * Unknown keys are remembered briefly too, so a flood of made-up key ids cannot be turned into a
 * flood of remote lookups. An answer fetched while an invalidation arrived is not kept, so a change
 * can never be overwritten by the stale answer of a lookup that was already in flight. The cache holds at most
 * {@code maxEntries} answers (each of about the same small size, so a count bounds its bytes; a key takes one entry
 * per scope it signs for, a few a day, and a scope the source refuses is never cached); past that the least useful
 * are evicted, which costs a lookup and never a wrong answer.
 */
public final class CachingSigningKeyDirectory implements SigningKeyDirectory {
    private final SigningKeyDirectory source;
    private final Cache<Entry, Optional<LongTermSigningKey>> entries;
    private final AtomicLong invalidations = new AtomicLong();

    /**
     * @param clock the time source of the time-to-live (Caffeine's ticker reads it)
     */
    public CachingSigningKeyDirectory(SigningKeyDirectory source, Clock clock, Duration knownTtl,
                                      Duration unknownTtl, int maxEntries) {
        this.source = source;
        long knownNanos = knownTtl.toNanos();
        long unknownNanos = unknownTtl.toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> nanos(clock.instant()))
                .executor(Runnable::run)
                .expireAfter(new Expiry<Entry, Optional<LongTermSigningKey>>() {
                    @Override
                    public long expireAfterCreate(Entry key, Optional<LongTermSigningKey> value, long now) {
                        return value.isPresent() ? knownNanos : unknownNanos;
                    }

                    @Override
                    public long expireAfterUpdate(Entry key, Optional<LongTermSigningKey> value, long now,
                                                  long currentDuration) {
                        return expireAfterCreate(key, value, now);
                    }

                    @Override
                    public long expireAfterRead(Entry key, Optional<LongTermSigningKey> value, long now,
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
    public Optional<LongTermSigningKey> find(String accessKeyId, CredentialScope scope) {
        Entry entry = new Entry(accessKeyId, scope);
        Optional<LongTermSigningKey> cached = entries.getIfPresent(entry);
        if (cached != null) {
            return cached;
        }
        long generation = invalidations.get();
        Optional<LongTermSigningKey> fresh = source.find(accessKeyId, scope);
        entries.put(entry, fresh);
        if (invalidations.get() != generation) {
            entries.invalidate(entry);
        }
        return fresh;
    }

    /** Drops every scope's key of {@code accessKeyId}. */
    public void invalidate(String accessKeyId) {
        invalidations.incrementAndGet();
        entries.asMap().keySet().removeIf(entry -> entry.accessKeyId().equals(accessKeyId));
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        entries.invalidateAll();
    }

    /** One cached answer's key: a key id and the scope its signing key was derived for. */
    private record Entry(String accessKeyId, CredentialScope scope) {
    }
}

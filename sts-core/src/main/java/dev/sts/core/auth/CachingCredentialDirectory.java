package dev.sts.core.auth;

import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.port.LongTermCredentialDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps recent answers of a slower directory (a remote IAM service) in memory.
 * <p>
 * Change events call {@link #invalidate}; the time-to-live is only a safety net for a missed event.
 * Unknown keys are remembered briefly too, so a flood of made-up key ids cannot be turned into a
 * flood of remote lookups. An answer fetched while an invalidation arrived is not kept, so a change
 * can never be overwritten by the stale answer of a lookup that was already in flight. The cache is bounded: when full it is cleared, which costs a few lookups
 * and never a wrong answer.
 */
public final class CachingCredentialDirectory implements LongTermCredentialDirectory {
    private final LongTermCredentialDirectory source;
    private final Clock clock;
    private final Duration knownTtl;
    private final Duration unknownTtl;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    public CachingCredentialDirectory(LongTermCredentialDirectory source, Clock clock, Duration knownTtl,
                                      Duration unknownTtl, int maxEntries) {
        this.source = source;
        this.clock = clock;
        this.knownTtl = knownTtl;
        this.unknownTtl = unknownTtl;
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<LongTermCredential> find(String accessKeyId) {
        Instant now = clock.instant();
        Entry cached = entries.get(accessKeyId);
        if (cached != null && now.isBefore(cached.expiresAt)) {
            return cached.credential;
        }
        long generation = invalidations.get();
        Optional<LongTermCredential> fresh = source.find(accessKeyId);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(accessKeyId, new Entry(fresh, now.plus(fresh.isPresent() ? knownTtl : unknownTtl)));
        if (invalidations.get() != generation) {
            entries.remove(accessKeyId);
        }
        return fresh;
    }

    public void invalidate(String accessKeyId) {
        invalidations.incrementAndGet();
        entries.remove(accessKeyId);
    }

    public void invalidateAll() {
        invalidations.incrementAndGet();
        entries.clear();
    }

    private record Entry(Optional<LongTermCredential> credential, Instant expiresAt) {
    }
}

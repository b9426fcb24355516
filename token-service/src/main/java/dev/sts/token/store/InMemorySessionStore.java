package dev.sts.token.store;

import dev.sts.core.port.SessionStore;
import dev.sts.core.token.SessionClaims;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Session expiries in this process only: the fallback when no Redis is available. Expired ones are swept on write. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    @Override
    public void record(SessionClaims session) {
        Instant now = Instant.now();
        expiries.values().removeIf(expiry -> !now.isBefore(expiry));
        // As in Redis: a repeated key id keeps the later expiry.
        expiries.merge(session.accessKeyId(), session.expiresAt(), (kept, offered) -> offered.isAfter(kept) ? offered : kept);
    }

    @Override
    public Optional<Instant> expiryOf(String accessKeyId) {
        return Optional.ofNullable(expiries.get(accessKeyId)).filter(Instant.now()::isBefore);
    }
}

package dev.sts.token.store;

import dev.sts.core.port.SessionStore;
import dev.sts.core.token.SessionClaims;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Session records in this process only: the fallback when no Redis is available. Expired records are swept on write. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, String> records = new ConcurrentHashMap<>();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    @Override
    public void record(SessionClaims session) {
        Instant now = Instant.now();
        expiries.entrySet().removeIf(entry -> {
            boolean expired = !now.isBefore(entry.getValue());
            if (expired) {
                records.remove(entry.getKey());
            }
            return expired;
        });
        records.put(session.accessKeyId(), SessionRecordJson.of(session));
        expiries.put(session.accessKeyId(), session.expiresAt());
    }

    @Override
    public Optional<Instant> expiryOf(String accessKeyId) {
        return Optional.ofNullable(expiries.get(accessKeyId)).filter(Instant.now()::isBefore);
    }

    @Override
    public Optional<String> accountOf(String accessKeyId) {
        Instant expiry = expiries.get(accessKeyId);
        if (expiry == null || !Instant.now().isBefore(expiry)) {
            return Optional.empty();
        }
        return Optional.ofNullable(records.get(accessKeyId)).flatMap(SessionRecordJson::accountOf);
    }
}

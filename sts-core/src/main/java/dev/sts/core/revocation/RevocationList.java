package dev.sts.core.revocation;

import dev.sts.core.token.SessionClaims;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocations in force, in memory, consulted on every request made with temporary credentials.
 * Lookups are three hash probes (the session's key id, its role, its principal), so checking costs
 * nothing measurable. Filled from the store at start and kept current by the revocation events;
 * entries past their expiry are ignored and swept.
 */
public final class RevocationList {
    private final Clock clock;
    private final Map<String, Revocation> byKey = new ConcurrentHashMap<>();

    public RevocationList(Clock clock) {
        this.clock = clock;
    }

    public void apply(Revocation revocation) {
        if (revocation.expiredAt(clock.instant())) {
            return;
        }
        // Two revocations of one target: the later cut-off covers the earlier one.
        byKey.merge(revocation.key(), revocation,
                (old, fresh) -> fresh.issuedBefore().isAfter(old.issuedBefore()) ? fresh : old);
    }

    public void applyAll(Collection<Revocation> revocations) {
        revocations.forEach(this::apply);
    }

    /** The revocation that applies to this session, if any. */
    public Optional<Revocation> revocationOf(SessionClaims session) {
        Instant now = clock.instant();
        Optional<Revocation> found = find("session:" + session.accessKeyId(), session, now);
        if (found.isEmpty()) {
            found = find("principal:" + session.identity().arn(), session, now);
        }
        if (found.isEmpty()) {
            found = session.roleSession().flatMap(role -> find("role:" + role.issuerArn(), session, now));
        }
        return found;
    }

    public int size() {
        sweep();
        return byKey.size();
    }

    private Optional<Revocation> find(String key, SessionClaims session, Instant now) {
        Revocation revocation = byKey.get(key);
        if (revocation == null) {
            return Optional.empty();
        }
        if (revocation.expiredAt(now)) {
            byKey.remove(key, revocation);
            return Optional.empty();
        }
        boolean applies = revocation.scope() == Revocation.Scope.SESSION
                || session.issuedAt().isBefore(revocation.issuedBefore());
        return applies ? Optional.of(revocation) : Optional.empty();
    }

    private void sweep() {
        Instant now = clock.instant();
        byKey.values().removeIf(revocation -> revocation.expiredAt(now));
    }
}

package dev.sts.core.port;

import dev.sts.core.token.SessionClaims;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps a record of each issued session for as long as it lives, so that revoking one session is kept
 * exactly as long as the session would have lived. The record never holds the session's secret.
 * <p>
 * Nothing else depends on the record: a session is authenticated by its sealed token, and its key id names
 * its account. A store may therefore write records after {@link #record} returns, off the request path.
 */
public interface SessionStore {
    /** Records an issued session; the write may complete later, and a record that cannot be written is logged. */
    void record(SessionClaims session);

    /** When a live session expires; empty once it has expired, or if its record was never written. */
    Optional<Instant> expiryOf(String accessKeyId);
}

package dev.sts.core.port;

import dev.sts.core.token.SessionClaims;

/**
 * Keeps a record of each issued session for as long as it lives, for listing and revocation.
 * The record never holds the session's secret.
 */
public interface SessionStore {
    void record(SessionClaims session);

    /** The account a live session's temporary key belongs to; empty once the session has expired. */
    java.util.Optional<String> accountOf(String accessKeyId);

    /** When a live session expires; empty once it has expired (or was never issued here). */
    java.util.Optional<java.time.Instant> expiryOf(String accessKeyId);
}

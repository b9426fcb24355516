package dev.sts.core.auth;

import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.token.SessionClaims;

import java.util.Optional;

/**
 * A caller whose signature checked out.
 *
 * @param identity    who they are
 * @param accessKeyId the key id that signed
 * @param session     the session's claims when the key is temporary; empty for a long-term key
 */
public record AuthenticatedCaller(CallerIdentity identity, String accessKeyId, Optional<SessionClaims> session) {
    public boolean usesTemporaryCredentials() {
        return session.isPresent();
    }
}

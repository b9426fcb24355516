package dev.sts.core.sts;

import dev.sts.core.id.Identifiers;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionTokenCodec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Mints temporary credentials: a fresh ASIA key id and secret, sealed with their claims into a session token. */
public final class SessionIssuer {
    private final SessionTokenCodec codec;
    private final Clock clock;
    private final String region;

    public SessionIssuer(SessionTokenCodec codec, Clock clock, String region) {
        this.codec = codec;
        this.clock = clock;
        this.region = region;
    }

    public IssuedSession issue(CallerIdentity identity, String sourceAccessKeyId, Duration lifetime, boolean mfaAuthenticated) {
        return issue(identity, sourceAccessKeyId, lifetime, mfaAuthenticated, Optional.empty());
    }

    /** As {@link #issue(CallerIdentity, String, Duration, boolean)}, for a session that carries a context (a role session). */
    public IssuedSession issue(CallerIdentity identity, String sourceAccessKeyId, Duration lifetime, boolean mfaAuthenticated,
                               Optional<SessionClaims.SessionContext> context) {
        return issue(identity, sourceAccessKeyId, lifetime, mfaAuthenticated, Optional.empty(), context);
    }

    /**
     * @param mfaAuthenticatedNow whether this request presented an MFA code that was verified
     * @param earlierMfa          otherwise, when the caller's own session was MFA-authenticated, which the new
     *                            session inherits as it is: a chain never makes MFA look more recent than it was
     */
    public IssuedSession issue(CallerIdentity identity, String sourceAccessKeyId, Duration lifetime,
                               boolean mfaAuthenticatedNow, Optional<Instant> earlierMfa,
                               Optional<SessionClaims.SessionContext> context) {
        // Milliseconds, not seconds: a revocation cut-off must tell apart sessions issued within one second.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Instant> mfaAt = mfaAuthenticatedNow ? Optional.of(now) : earlierMfa;
        SessionClaims claims = new SessionClaims(Identifiers.newTemporaryAccessKeyId(identity.account()),
                Identifiers.newSecretAccessKey(),
                identity, now, now.plus(lifetime), mfaAt, region, sourceAccessKeyId, context);
        String token = codec.seal(claims);
        return new IssuedSession(
                new TemporaryCredentials(claims.accessKeyId(), claims.secretAccessKey(), token, claims.expiresAt()),
                claims);
    }

    /** What was issued: the credentials for the caller, and the claims for the session record. */
    public record IssuedSession(TemporaryCredentials credentials, SessionClaims claims) {
    }
}

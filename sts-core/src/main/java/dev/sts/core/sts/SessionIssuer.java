package dev.sts.core.sts;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.id.Identifiers;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionLineage;
import dev.sts.core.token.SessionTokenCodec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Mints temporary credentials: a fresh ASIA key id and secret, sealed with their claims into a session token. */
public final class SessionIssuer {
    /** The source key of a session no key requested (a federated identity's). */
    static final String NO_SOURCE_KEY = "";
    private final SessionTokenCodec codec;
    private final Clock clock;
    private final String region;

    public SessionIssuer(SessionTokenCodec codec, Clock clock, String region) {
        this.codec = codec;
        this.clock = clock;
        this.region = region;
    }

    /** A session that acts as its long-term requester with nothing added: what GetSessionToken issues. */
    public IssuedSession issue(AuthenticatedCaller requester, Duration lifetime, boolean mfaAuthenticatedNow) {
        return issue(requester, requester.identity(), lifetime, mfaAuthenticatedNow, Optional.empty());
    }

    /**
     * Issues a session requested by {@code requester}, which says where it comes from: with long-term credentials
     * the session starts a chain at its requester; with a session's credentials it extends that session's chain
     * (its lineage, its source key, and its MFA time, which a chain never makes look more recent than it was).
     *
     * @param requester           who asked for the session, as authenticated
     * @param identity            the principal the new session acts as
     * @param mfaAuthenticatedNow whether this request presented an MFA code that was verified
     * @param context             what the session carries beyond its identity (a role or federated session)
     * @throws dev.sts.core.error.StsException ValidationError when the requester's chain is already
     *         {@value SessionLineage#MAX_ANCESTORS} sessions deep; AccessDenied when it is a session whose
     *         lineage is unknown (sealed by a token format without one)
     */
    public IssuedSession issue(AuthenticatedCaller requester, CallerIdentity identity, Duration lifetime,
                               boolean mfaAuthenticatedNow, Optional<SessionClaims.SessionContext> context) {
        Optional<SessionClaims> parent = requester.session();
        SessionLineage lineage = parent.map(SessionLineage::derivedFrom)
                .orElseGet(() -> SessionLineage.origin(requester.identity().arn(), requester.identity().userId()));
        // The long-term key at the root of a chain, for audit.
        String sourceAccessKeyId = parent.map(SessionClaims::sourceAccessKeyId).orElse(requester.accessKeyId());
        // Milliseconds, not seconds: a revocation cut-off must tell apart sessions issued within one second.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Instant> mfaAt = mfaAuthenticatedNow ? Optional.of(now)
                : parent.flatMap(SessionClaims::mfaAuthenticatedAt);
        return seal(new SessionClaims(Identifiers.newTemporaryAccessKeyId(identity.account()),
                Identifiers.newSecretAccessKey(),
                identity, now, now.plus(lifetime), mfaAt, region, sourceAccessKeyId, context, lineage));
    }

    /**
     * Issues a session to a federated identity (AssumeRoleWithWebIdentity), which no key of this platform requested:
     * its chain starts at {@code lineage}'s origin, the identity provider and subject, so that revoking either
     * reaches it. It has no source key (the record's {@code sourceAccessKeyId} is empty) and no MFA.
     *
     * @param lineage  a lineage with an origin and no ancestors ({@link SessionLineage#webIdentity})
     * @param identity the principal the new session acts as
     * @param context  the role the session is of, and what it carries
     */
    public IssuedSession issueFederated(SessionLineage lineage, CallerIdentity identity, Duration lifetime,
                                        SessionClaims.SessionContext context) {
        if (!lineage.known() || !lineage.ancestors().isEmpty()) {
            throw new IllegalArgumentException("a federated session starts its own chain");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return seal(new SessionClaims(Identifiers.newTemporaryAccessKeyId(identity.account()),
                Identifiers.newSecretAccessKey(), identity, now, now.plus(lifetime), Optional.empty(), region,
                NO_SOURCE_KEY, Optional.of(context), lineage));
    }

    private IssuedSession seal(SessionClaims claims) {
        String token = codec.seal(claims);
        return new IssuedSession(
                new TemporaryCredentials(claims.accessKeyId(), claims.secretAccessKey(), token, claims.expiresAt()),
                claims);
    }

    /** What was issued: the credentials for the caller, and the claims for the session record. */
    public record IssuedSession(TemporaryCredentials credentials, SessionClaims claims) {
    }
}

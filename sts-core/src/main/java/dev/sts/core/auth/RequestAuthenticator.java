package dev.sts.core.auth;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.LongTermSigningKey;
import dev.sts.core.id.AccessKeyKind;
import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sigv4.SignatureClaim;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionTokenCodec;

import java.time.Clock;
import java.util.Optional;

/**
 * Decides who signed a request. For a long-term key the directory answers the signing key derived for the request's
 * scope (never the secret); temporary keys carry their own secret inside the sealed session token, so they need no
 * lookup at all.
 * <p>
 * The signature is checked before anything about the session is revealed: an expired or revoked
 * session is only reported to a caller who holds its secret. Every temporary credential is checked
 * against the revocations in force, along its lineage: a session derived from a revoked one, or from a
 * revoked principal's or role's, is refused too, so a revoked lineage can mint nothing new (every STS action
 * authenticates here first).
 */
public final class RequestAuthenticator {
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    static final String EXPIRED_TOKEN = "The security token included in the request is expired";
    static final String REVOKED_TOKEN = "The security token included in the request has been revoked.";

    private final SigV4Verifier verifier;
    private final SessionTokenCodec codec;
    private final SigningKeyDirectory directory;
    private final RevocationList revocations;
    private final Clock clock;
    private final String service;

    public RequestAuthenticator(SigV4Verifier verifier, SessionTokenCodec codec, SigningKeyDirectory directory,
                                RevocationList revocations, Clock clock, String service) {
        this.verifier = verifier;
        this.codec = codec;
        this.directory = directory;
        this.revocations = revocations;
        this.clock = clock;
        this.service = service;
    }

    /**
     * @param claim what {@link dev.sts.core.sigv4.SigV4Parser#parse} read from the request
     * @throws StsException InvalidClientTokenId (also for a revoked session), SignatureDoesNotMatch, IncompleteSignature
     *                      or ExpiredToken
     */
    public AuthenticatedCaller authenticate(SignedRequest request, SignatureClaim claim) {
        // The scope (date, service, the endpoint's region) needs no key: refuse a wrong one before any lookup.
        verifier.checkScope(claim, service);
        return switch (AccessKeyKind.of(claim.accessKeyId())) {
            case LONG_TERM -> longTerm(request, claim);
            case TEMPORARY -> temporary(request, claim);
            case UNKNOWN -> throw invalidToken();
        };
    }

    private AuthenticatedCaller longTerm(SignedRequest request, SignatureClaim claim) {
        if (claim.securityToken().isPresent()) {
            // A session token means nothing to a long-term key; AWS refuses the pair.
            throw invalidToken();
        }
        LongTermSigningKey key = directory.find(claim.accessKeyId(), claim.scope())
                .filter(LongTermSigningKey::active)
                .orElseThrow(RequestAuthenticator::invalidToken);
        verifier.verifyWithSigningKey(request, claim, key.signingKey(), service);
        return new AuthenticatedCaller(key.owner(), key.accessKeyId(), Optional.empty());
    }

    private AuthenticatedCaller temporary(SignedRequest request, SignatureClaim claim) {
        String token = claim.securityToken().orElseThrow(RequestAuthenticator::invalidToken);
        SessionClaims session = codec.open(token);
        if (!session.accessKeyId().equals(claim.accessKeyId())) {
            throw invalidToken();
        }
        verifier.verify(request, claim, session.secretAccessKey(), service);
        if (session.isExpiredAt(clock.instant())) {
            throw new StsException(StsErrorCode.EXPIRED_TOKEN, EXPIRED_TOKEN);
        }
        if (revocations.revocationOf(session).isPresent()) {
            throw new StsException(StsErrorCode.INVALID_CLIENT_TOKEN_ID, REVOKED_TOKEN);
        }
        return new AuthenticatedCaller(session.identity(), session.accessKeyId(), Optional.of(session));
    }

    private static StsException invalidToken() {
        return new StsException(StsErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
    }
}

package dev.sts.core.token;

import dev.sts.core.identity.CallerIdentity;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything a verifier needs to accept temporary credentials without a lookup. Sealed into the
 * session token, so only this platform can read or forge it.
 *
 * @param accessKeyId       the ASIA… key id the token belongs to (a token only works with its own key id)
 * @param secretAccessKey   the session's secret, so any instance can check signatures made with it
 * @param identity          the principal the session acts as
 * @param issuedAt          when the session was issued (aws:TokenIssueTime)
 * @param expiresAt         when it stops working
 * @param mfaAuthenticated  whether MFA was presented when it was issued (aws:MultiFactorAuthPresent)
 * @param issuingRegion     the region of the endpoint that issued it
 * @param sourceAccessKeyId the long-term key that requested it, for audit and revocation
 */
public record SessionClaims(String accessKeyId, String secretAccessKey, CallerIdentity identity, Instant issuedAt,
                            Instant expiresAt, boolean mfaAuthenticated, String issuingRegion, String sourceAccessKeyId) {
    public SessionClaims {
        Objects.requireNonNull(accessKeyId);
        Objects.requireNonNull(secretAccessKey);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(issuedAt);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(issuingRegion);
        Objects.requireNonNull(sourceAccessKeyId);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Secrets never reach logs through a record's generated toString. */
    @Override
    public String toString() {
        return "SessionClaims[accessKeyId=" + accessKeyId + ", identity=" + identity.arn() + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + ", mfa=" + mfaAuthenticated + ", region=" + issuingRegion + "]";
    }
}

package dev.sts.federation.outbound;

import java.time.Duration;
import java.util.Objects;

/**
 * When outbound signing keys change.
 *
 * @param rotationPeriod how long a key signs before its successor takes over
 * @param publishAhead   how long a successor is published before it signs
 * @param retention      how long a retired key stays published: the longest token lifetime (3,600 s) plus how stale an
 *                       instance's copy of the key set may be, so it outlives the last token it signed
 */
public record KeyRotationPolicy(Duration rotationPeriod, Duration publishAhead, Duration retention) {
    /** GetWebIdentityToken's longest DurationSeconds. */
    public static final Duration MAX_TOKEN_LIFETIME = Duration.ofSeconds(3600);

    public KeyRotationPolicy {
        Objects.requireNonNull(rotationPeriod, "rotationPeriod");
        Objects.requireNonNull(publishAhead, "publishAhead");
        Objects.requireNonNull(retention, "retention");
        if (publishAhead.isNegative() || publishAhead.isZero() || publishAhead.compareTo(rotationPeriod) >= 0) {
            throw new IllegalArgumentException("publish-ahead must be positive and shorter than the rotation period");
        }
        if (retention.compareTo(MAX_TOKEN_LIFETIME) < 0) {
            throw new IllegalArgumentException("a retired key must stay published at least as long as a token lives");
        }
    }

    /** The policy from the configuration, refusing settings under which a verifier could meet an unpublished key. */
    static KeyRotationPolicy of(OutboundConfig config) {
        if (config.jwksMaxAge().compareTo(config.publishAhead()) > 0) {
            throw new IllegalStateException("sts.outbound.jwks-max-age must not exceed sts.outbound.publish-ahead:"
                    + " a verifier's cached JWKS must know a key before it signs");
        }
        if (config.keyRefresh().compareTo(config.publishAhead()) >= 0) {
            throw new IllegalStateException("sts.outbound.key-refresh must be shorter than sts.outbound.publish-ahead:"
                    + " every instance must know a key before it signs");
        }
        return new KeyRotationPolicy(config.rotationPeriod(), config.publishAhead(),
                MAX_TOKEN_LIFETIME.plus(config.keyRefresh()));
    }
}

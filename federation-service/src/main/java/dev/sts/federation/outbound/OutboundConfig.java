package dev.sts.federation.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Outbound web identity federation (GetWebIdentityToken): the signing keys, their rotation and how long the published
 * documents may be cached. Each key can be set as an environment variable ({@code STS_OUTBOUND_ROTATION_PERIOD}, …).
 */
@ConfigMapping(prefix = "sts.outbound")
public interface OutboundConfig {
    /**
     * The key-encryption key ring ({@code STS_KEK}, {@code id:base64(32 bytes)[,…]}, the first active) that seals the
     * signing keys' private parts in Redis; the same ring policy-service seals secrets with. Without it the
     * outbound endpoints refuse to work (they never generate or read an unsealed key).
     */
    Optional<String> kek();

    /** How long a signing key signs before its successor takes over (per algorithm). */
    @WithDefault("30d")
    Duration rotationPeriod();

    /**
     * How long a new key is published in the JWKS before it signs anything. Must be at least {@link #jwksMaxAge()}
     * and {@link #keyRefresh()}, so that every verifier's cached JWKS and every instance know the key before it is used.
     */
    @WithDefault("1h")
    Duration publishAhead();

    /** The {@code Cache-Control: max-age} of the discovery document and the JWKS. */
    @WithDefault("5m")
    Duration jwksMaxAge();

    /** How often an instance re-reads the shared key set from Redis (and rotates it when due). */
    @WithDefault("1m")
    Duration keyRefresh();

    /** How long the list of accounts with outbound federation (issuer id to account) is cached for the public documents. */
    @WithDefault("30s")
    Duration issuerCacheTtl();

    /**
     * The largest JWT payload (the claims' JSON, in bytes) GetWebIdentityToken signs; a larger one is refused with
     * JWTPayloadSizeExceededException. AWS does not publish its figure; 16 KiB fits ten 1,000-character audiences
     * and the principal's claims with room for most sets of request tags, not 50 tags at their longest.
     */
    @WithDefault("16384")
    int maxPayloadBytes();
}

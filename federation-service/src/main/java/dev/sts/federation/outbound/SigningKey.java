package dev.sts.federation.outbound;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One outbound signing key as stored: its public JWK in the clear, its private part sealed under the KEK.
 *
 * @param kid            the key id, in the JWKS and in each token's header
 * @param algorithm      what it signs with
 * @param publicJwk      the public JWK's JSON (kty, kid, use, alg, n/e or crv/x/y)
 * @param sealedPrivate  the PKCS#8 private key, base64, sealed with {@code dev.sts.core.crypto.SecretSealer}
 * @param createdAt      when it was generated, and so first published
 * @param activeFrom     when it starts signing (at least the publish-ahead after {@code createdAt}, except the first)
 * @param retiredAt      when its successor took over; null while it has none
 */
public record SigningKey(String kid, SigningAlgorithm algorithm, String publicJwk, String sealedPrivate,
                         Instant createdAt, Instant activeFrom, Instant retiredAt) {
    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(sealedPrivate, "sealedPrivate");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(activeFrom, "activeFrom");
    }

    /** Whether it is the key that signs at {@code now}. */
    public boolean signsAt(Instant now) {
        return !now.isBefore(activeFrom) && (retiredAt == null || now.isBefore(retiredAt));
    }

    public Optional<Instant> retired() {
        return Optional.ofNullable(retiredAt);
    }

    SigningKey withSealedPrivate(String sealed) {
        return new SigningKey(kid, algorithm, publicJwk, sealed, createdAt, activeFrom, retiredAt);
    }

    SigningKey retire(Instant at) {
        return new SigningKey(kid, algorithm, publicJwk, sealedPrivate, createdAt, activeFrom, at);
    }
}

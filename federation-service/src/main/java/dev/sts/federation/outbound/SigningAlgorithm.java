package dev.sts.federation.outbound;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Optional;

/** The two algorithms GetWebIdentityToken signs with (its SigningAlgorithm parameter), and their keys. */
public enum SigningAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256, an RSA 2048 key. */
    RS256(JWSAlgorithm.RS256, "RSA"),
    /** ECDSA on P-384 with SHA-384. */
    ES384(JWSAlgorithm.ES384, "EC");

    private static final int RSA_BITS = 2048;

    private final JWSAlgorithm jws;
    private final String keyFactory;

    SigningAlgorithm(JWSAlgorithm jws, String keyFactory) {
        this.jws = jws;
        this.keyFactory = keyFactory;
    }

    /** The algorithm for a name as the API spells it ({@code RS256}, {@code ES384}); empty for anything else. */
    public static Optional<SigningAlgorithm> of(String name) {
        for (SigningAlgorithm algorithm : values()) {
            if (algorithm.name().equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    JWSAlgorithm jws() {
        return jws;
    }

    /** A new key pair with {@code kid}, its use and algorithm set. */
    JWK generate(String kid) {
        try {
            return switch (this) {
                case RS256 -> new RSAKeyGenerator(RSA_BITS).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws).generate();
                case ES384 -> new ECKeyGenerator(Curve.P_384).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(jws).generate();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a " + this + " key", e);
        }
    }

    /** The private key from its PKCS#8 encoding. */
    PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance(keyFactory).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored " + this + " signing key does not decode", e);
        }
    }

    /** The public key joined with its private part again. */
    JWK withPrivate(JWK publicJwk, PrivateKey privateKey) {
        return switch (this) {
            case RS256 -> new RSAKey.Builder(publicJwk.toRSAKey()).privateKey(privateKey).build();
            case ES384 -> new ECKey.Builder(publicJwk.toECKey()).privateKey(privateKey).build();
        };
    }

    /** The private part, PKCS#8-encoded. */
    byte[] pkcs8(JWK key) {
        try {
            return switch (this) {
                case RS256 -> key.toRSAKey().toPrivateKey().getEncoded();
                case ES384 -> key.toECKey().toPrivateKey().getEncoded();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("A " + this + " key has no private part", e);
        }
    }

    /** A signer with the key's private part. */
    JWSSigner signer(JWK key) {
        try {
            return switch (this) {
                case RS256 -> new RSASSASigner(key.toRSAKey());
                case ES384 -> new ECDSASigner((ECPrivateKey) key.toECKey().toPrivateKey(), Curve.P_384);
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with a " + this + " key", e);
        }
    }
}

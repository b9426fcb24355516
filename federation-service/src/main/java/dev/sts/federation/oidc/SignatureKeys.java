package dev.sts.federation.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of an issuer's published keys may verify a token, by the token's header: only its {@code alg} and {@code kid}
 * count (never {@code jku}, {@code x5u}, {@code jwk} or {@code x5c}: keys come from the provider only). The algorithm
 * must be asymmetric and in the list; an RSA key has at least 2048 bits; an EC key is on the curve of the algorithm;
 * the key's {@code use} is {@code sig} or absent, its {@code key_ops} (if any) include {@code verify}, and its
 * {@code alg} (if any) is the header's. Symmetric keys are never used.
 */
final class SignatureKeys {
    /** The algorithms a web identity token may be signed with (AWS's: asymmetric only). */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);
    static final int MIN_RSA_BITS = 2048;
    /** Keys tried for a token without {@code kid}: more would let one token cost many verifications. */
    static final int MAX_CANDIDATES = 5;
    private static final Map<JWSAlgorithm, Curve> CURVES = Map.of(JWSAlgorithm.ES256, Curve.P_256,
            JWSAlgorithm.ES384, Curve.P_384, JWSAlgorithm.ES512, Curve.P_521);

    private SignatureKeys() {
    }

    /** Verifiers for the keys of {@code keys} that may verify a token with {@code header}; empty when none. */
    static List<JWSVerifier> verifiers(JWKSet keys, JWSHeader header) {
        JWSAlgorithm alg = header.getAlgorithm();
        String kid = header.getKeyID();
        List<JWSVerifier> verifiers = new ArrayList<>();
        for (JWK key : keys.getKeys()) {
            if (verifiers.size() == MAX_CANDIDATES) {
                break;
            }
            if ((kid != null && !kid.equals(key.getKeyID())) || !usableForSignatures(key)
                    || (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName()))) {
                continue;
            }
            try {
                if (key instanceof RSAKey rsa && (JWSAlgorithm.Family.RSA.contains(alg)) && rsa.size() >= MIN_RSA_BITS) {
                    verifiers.add(new RSASSAVerifier(rsa.toRSAPublicKey()));
                } else if (key instanceof ECKey ec && CURVES.containsKey(alg) && CURVES.get(alg).equals(ec.getCurve())) {
                    verifiers.add(new ECDSAVerifier(ec.toECPublicKey()));
                }
            } catch (JOSEException e) {
                // A key Nimbus cannot turn into a public key (bad parameters) is not usable: skip it.
            }
        }
        return verifiers;
    }

    private static boolean usableForSignatures(JWK key) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return false;
        }
        return key.getKeyOperations() == null || key.getKeyOperations().contains(KeyOperation.VERIFY);
    }
}

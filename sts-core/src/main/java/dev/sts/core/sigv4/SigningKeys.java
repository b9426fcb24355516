package dev.sts.core.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * AWS's SigV4 key derivation, the one place it is written: kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date),
 * region), service), "aws4_request"). A signing key is good for its one day, region and service only, so it can be
 * handed to a verifier where the secret behind it must not go.
 */
public final class SigningKeys {
    /** Every signing key is an HMAC-SHA256 output. */
    public static final int LENGTH = 32;

    private SigningKeys() {
    }

    /** The signing key of {@code secretAccessKey} for {@code scope}. */
    public static byte[] derive(String secretAccessKey, CredentialScope scope) {
        return derive(Hmac.mac(), secretAccessKey, scope);
    }

    /** As {@link #derive(String, CredentialScope)}, with {@code mac} a scratch HmacSHA256 instance. */
    static byte[] derive(Mac mac, String secretAccessKey, CredentialScope scope) {
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(scope, "scope");
        byte[] secret = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] key = Hmac.sign(mac, secret, scope.date().getBytes(StandardCharsets.UTF_8));
            key = Hmac.sign(mac, key, scope.region().getBytes(StandardCharsets.UTF_8));
            key = Hmac.sign(mac, key, scope.service().getBytes(StandardCharsets.UTF_8));
            return Hmac.sign(mac, key, CredentialScope.TERMINATOR.getBytes(StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}

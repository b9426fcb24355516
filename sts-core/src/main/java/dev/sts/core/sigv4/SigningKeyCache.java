package dev.sts.core.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;

/**
 * A bounded, least-recently-used cache of derived SigV4 signing keys, so the four HMACs of the key derivation
 * run once per secret, day, region and service instead of on every request.
 * <p>
 * Entries are keyed by the scope and an HMAC of the secret under a random key made when the cache is; the
 * secret itself is never stored, and the key fingerprints mean nothing outside this process. A signing key
 * is only good for its one day, region and service.
 */
final class SigningKeyCache {
    private final int capacity;
    private final byte[] fingerprintKey = new byte[32];
    private final Map<String, byte[]> keys;

    SigningKeyCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        new SecureRandom().nextBytes(fingerprintKey);
        this.keys = new LinkedHashMap<>(Math.min(capacity, 1024) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > SigningKeyCache.this.capacity;
            }
        };
    }

    /** The signing key for {@code secret} and {@code scope}; {@code mac} is a scratch HmacSHA256 instance. */
    byte[] signingKey(Mac mac, String secretAccessKey, CredentialScope scope) {
        if (capacity == 0) {
            return derive(mac, secretAccessKey, scope);
        }
        String cacheKey = cacheKey(mac, secretAccessKey, scope);
        synchronized (keys) {
            byte[] cached = keys.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        byte[] derived = derive(mac, secretAccessKey, scope);
        synchronized (keys) {
            keys.put(cacheKey, derived);
        }
        return derived;
    }

    int size() {
        synchronized (keys) {
            return keys.size();
        }
    }

    private String cacheKey(Mac mac, String secretAccessKey, CredentialScope scope) {
        byte[] fingerprint = Hmac.sign(mac, fingerprintKey, secretAccessKey.getBytes(StandardCharsets.UTF_8));
        return scope.toString() + '|' + Base64.getEncoder().withoutPadding().encodeToString(fingerprint);
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] derive(Mac mac, String secretAccessKey, CredentialScope scope) {
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

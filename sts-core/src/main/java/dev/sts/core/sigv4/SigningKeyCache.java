package dev.sts.core.sigv4;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * A bounded cache of derived SigV4 signing keys, so the four HMACs of the key derivation run once per secret,
 * day, region and service instead of on every request. Caffeine evicts by frequency and recency; the bound is an
 * estimate of retained bytes ({@value #BYTES_PER_ENTRY} per entry on average), since the scope in a key comes
 * from the request and its region and service can be long.
 * <p>
 * Entries are keyed by the scope and an HMAC of the secret under a random key made when the cache is; the
 * secret itself is never stored, and the key fingerprints mean nothing outside this process. A signing key
 * is only good for its one day, region and service.
 */
final class SigningKeyCache {
    /** The budget per entry of the capacity: a typical scope and fingerprint key, a 32-byte key, overhead. */
    static final int BYTES_PER_ENTRY = 320;

    private final int capacity;
    private final byte[] fingerprintKey = new byte[32];
    private final Cache<String, byte[]> keys;

    /** @param capacity how many typical entries to keep (the byte budget is capacity × {@value #BYTES_PER_ENTRY}); 0 turns it off */
    SigningKeyCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        new SecureRandom().nextBytes(fingerprintKey);
        this.keys = Caffeine.newBuilder()
                .maximumWeight((long) capacity * BYTES_PER_ENTRY)
                .weigher((String key, byte[] signingKey) -> weight(key, signingKey))
                .executor(Runnable::run)
                .build();
    }

    /** The signing key for {@code secret} and {@code scope}; {@code mac} is a scratch HmacSHA256 instance. */
    byte[] signingKey(Mac mac, String secretAccessKey, CredentialScope scope) {
        if (capacity == 0) {
            return SigningKeys.derive(mac, secretAccessKey, scope);
        }
        String cacheKey = cacheKey(mac, secretAccessKey, scope);
        byte[] cached = keys.getIfPresent(cacheKey);
        if (cached != null) {
            return cached;
        }
        byte[] derived = SigningKeys.derive(mac, secretAccessKey, scope);
        keys.put(cacheKey, derived);
        return derived;
    }

    /** Estimated retained bytes: the key's characters, the signing key, and the entry's objects. */
    static int weight(String cacheKey, byte[] signingKey) {
        return (int) Math.min(Integer.MAX_VALUE, 2L * cacheKey.length() + signingKey.length + 96);
    }

    int size() {
        keys.cleanUp();
        return (int) keys.estimatedSize();
    }

    private String cacheKey(Mac mac, String secretAccessKey, CredentialScope scope) {
        byte[] fingerprint = Hmac.sign(mac, fingerprintKey, secretAccessKey.getBytes(StandardCharsets.UTF_8));
        return scope.toString() + '|' + Base64.getEncoder().withoutPadding().encodeToString(fingerprint);
    }
}

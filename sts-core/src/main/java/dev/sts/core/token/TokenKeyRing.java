package dev.sts.core.token;

import dev.sts.core.crypto.AesKeyRing;

import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The AES-256 keys that seal session tokens, each under a short id. The first key seals new tokens;
 * all of them open tokens, so a key can be rotated in ahead of use and retired after the longest
 * session it sealed has expired.
 */
public final class TokenKeyRing {
    private final AesKeyRing keys;

    private TokenKeyRing(AesKeyRing keys) {
        this.keys = keys;
    }

    /**
     * Parses {@code id:base64key[,id:base64key…]}; the first entry is the active key.
     *
     * @throws IllegalArgumentException when the spec is empty, a key id is not 1–16 of [A-Za-z0-9_-],
     *                                  a key is not 32 bytes, or an id repeats (the message never shows key material)
     * @see AesKeyRing#parse
     */
    public static TokenKeyRing parse(String spec) {
        return new TokenKeyRing(AesKeyRing.parse(spec, "session-token key"));
    }

    /** A ring with one fresh random key: for tests and throwaway single-instance runs only. */
    public static TokenKeyRing generate(String keyId) {
        return parse(AesKeyRing.newKeySpec(keyId));
    }

    public String activeKeyId() {
        return keys.activeKeyId();
    }

    SecretKey activeKey() {
        return keys.activeKey();
    }

    Optional<SecretKey> key(String keyId) {
        return keys.key(keyId);
    }
}

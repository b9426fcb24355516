package dev.sts.core.token;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that seal session tokens, each under a short id. The first key seals new tokens;
 * all of them open tokens, so a key can be rotated in ahead of use and retired after the longest
 * session it sealed has expired.
 */
public final class TokenKeyRing {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final int KEY_BYTES = 32;

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;

    private TokenKeyRing(String activeKeyId, Map<String, SecretKey> keys) {
        this.activeKeyId = activeKeyId;
        this.keys = keys;
    }

    /**
     * Parses {@code id:base64key[,id:base64key…]}; the first entry is the active key.
     *
     * @throws IllegalArgumentException when the spec is empty, a key id is not 1–16 of [A-Za-z0-9_-],
     *                                  a key is not 32 bytes, or an id repeats (the message never shows key material)
     */
    public static TokenKeyRing parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("the session-token key ring is empty");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String active = null;
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a session-token key entry must be id:base64key");
            }
            String id = trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a session-token key id must be 1-16 of [A-Za-z0-9_-]");
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("session-token key " + id + " is not valid base64");
            }
            if (material.length != KEY_BYTES) {
                throw new IllegalArgumentException("session-token key " + id + " must be 32 bytes (AES-256)");
            }
            if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalArgumentException("session-token key id " + id + " appears twice");
            }
            if (active == null) {
                active = id;
            }
        }
        return new TokenKeyRing(active, Collections.unmodifiableMap(keys));
    }

    /** A ring with one fresh random key: for tests and throwaway single-instance runs only. */
    public static TokenKeyRing generate(String keyId) {
        byte[] material = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(material);
        return parse(keyId + ":" + Base64.getEncoder().encodeToString(material));
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    SecretKey activeKey() {
        return keys.get(activeKeyId);
    }

    Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}

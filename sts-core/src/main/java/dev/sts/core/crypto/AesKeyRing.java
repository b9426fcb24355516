package dev.sts.core.crypto;

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
 * AES-256 keys, each under a short id, parsed from {@code id:base64(32 bytes)[,id:base64…]}; the first entry
 * is the active key (it seals), every entry opens. The one parser for every key ring the platform takes from
 * outside: the session-token keys ({@code STS_TOKEN_KEYS}) and the key-encryption keys ({@code STS_KEK}).
 */
public final class AesKeyRing {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final int KEY_BYTES = 32;
    /** Far more than any ring needs; a bound on the input like every other. */
    private static final int MAX_KEYS = 16;

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;

    private AesKeyRing(String activeKeyId, Map<String, SecretKey> keys) {
        this.activeKeyId = activeKeyId;
        this.keys = keys;
    }

    /**
     * Parses {@code id:base64key[,id:base64key…]}; the first entry is the active key.
     *
     * @param what names the ring in error messages ({@code "session-token key"}, {@code "key-encryption key"})
     * @throws IllegalArgumentException when the spec is empty, a key id is not 1–16 of [A-Za-z0-9_-],
     *                                  a key is not 32 bytes, an id repeats, or there are more than 16 keys
     *                                  (the message never shows key material)
     */
    public static AesKeyRing parse(String spec, String what) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("the " + what + " ring is empty");
        }
        String[] entries = spec.split(",");
        if (entries.length > MAX_KEYS) {
            throw new IllegalArgumentException("the " + what + " ring holds more than " + MAX_KEYS + " keys");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String active = null;
        for (String entry : entries) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a " + what + " entry must be id:base64key");
            }
            String id = trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a " + what + " id must be 1-16 of [A-Za-z0-9_-]");
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " " + id + " is not valid base64");
            }
            if (material.length != KEY_BYTES) {
                throw new IllegalArgumentException(what + " " + id + " must be 32 bytes (AES-256)");
            }
            if (keys.put(id, new SecretKeySpec(material, "AES")) != null) {
                throw new IllegalArgumentException(what + " id " + id + " appears twice");
            }
            if (active == null) {
                active = id;
            }
        }
        return new AesKeyRing(active, Collections.unmodifiableMap(keys));
    }

    /** A fresh random key in ring form, {@code id:base64(32 bytes)}: for generated secrets and tests. */
    public static String newKeySpec(String keyId) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a key id must be 1-16 of [A-Za-z0-9_-]");
        }
        byte[] material = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(material);
        return keyId + ":" + Base64.getEncoder().encodeToString(material);
    }

    /** Whether {@code keyId} has the form of a key id (it may still be absent from this ring). */
    public static boolean isKeyId(String keyId) {
        return KEY_ID.matcher(keyId).matches();
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public SecretKey activeKey() {
        return keys.get(activeKeyId);
    }

    public Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}

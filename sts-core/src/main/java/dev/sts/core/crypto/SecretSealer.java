package dev.sts.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Envelope encryption of a secret field at rest (an access key's secret, an MFA device's seed) under the
 * key-encryption key ring ({@code STS_KEK}). A sealed field reads {@code v1:<keyId>:<base64(iv ‖ ciphertext ‖ tag)>}:
 * AES-256-GCM with a random 96-bit IV per value, and as associated data the version, the key id and the
 * field's <em>context</em> (the record's key and the field's name), so a sealed value copied into another
 * record, or with its key id changed, does not open.
 * <p>
 * A field without a colon is a legacy plaintext value (secret access keys and Base32 seeds never hold one);
 * {@link #open} hands it back as it is and a {@linkplain #needsRewrap rewrap} seals it. A field with a colon is
 * sealed, and opens only under its own version and a key id of the ring; anything else (an unknown version or
 * key id, a tampered or moved value) does not open, and nothing here ever puts the value in a message.
 */
public final class SecretSealer {
    public static final String VERSION = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** No secret field is near this long; a stored value beyond it is refused before decoding. */
    private static final int MAX_SEALED_CHARS = 4096;

    private final AesKeyRing keys;
    private final SecureRandom random = new SecureRandom();

    public SecretSealer(AesKeyRing keys) {
        this.keys = keys;
    }

    /**
     * The sealer for the ring {@code spec} ({@code STS_KEK}: {@code id:base64(32 bytes)[,…]}, first active).
     *
     * @throws IllegalArgumentException as {@link AesKeyRing#parse} (never showing key material)
     */
    public static SecretSealer parse(String spec) {
        return new SecretSealer(AesKeyRing.parse(spec, "key-encryption key"));
    }

    /** Whether a stored field is in sealed form (any version, any key id), as opposed to legacy plaintext. */
    public static boolean isSealed(String stored) {
        return stored != null && stored.indexOf(':') >= 0;
    }

    public String activeKeyId() {
        return keys.activeKeyId();
    }

    /** Seals {@code plaintext} under the active key, bound to {@code context}. */
    public String seal(String plaintext, String context) {
        if (isSealed(plaintext)) {
            throw new IllegalArgumentException("a secret field must not contain ':'");
        }
        String header = VERSION + ":" + keys.activeKeyId() + ":";
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.activeKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(header, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return header + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * The plaintext of a stored field: a legacy plaintext field as it is, a sealed one decrypted; empty when a
     * sealed field does not open here (unknown version or key id, malformed, tampered, or sealed for another
     * context). Never throws for anything stored.
     */
    public Optional<String> open(String stored, String context) {
        if (stored == null) {
            return Optional.empty();
        }
        if (!isSealed(stored)) {
            return Optional.of(stored);
        }
        if (stored.length() > MAX_SEALED_CHARS) {
            return Optional.empty();
        }
        int first = stored.indexOf(':');
        int second = stored.indexOf(':', first + 1);
        if (second < 0 || !VERSION.equals(stored.substring(0, first))) {
            return Optional.empty();
        }
        String keyId = stored.substring(first + 1, second);
        if (!AesKeyRing.isKeyId(keyId)) {
            return Optional.empty();
        }
        Optional<SecretKey> key = keys.key(keyId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(stored.substring(second + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (body.length < IV_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, body, 0, IV_BYTES));
            cipher.updateAAD(associatedData(stored.substring(0, second + 1), context));
            return Optional.of(new String(cipher.doFinal(body, IV_BYTES, body.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Whether a stored field should be sealed again: legacy plaintext, or sealed under a key that is not the active one. */
    public boolean needsRewrap(String stored) {
        return stored != null && !stored.startsWith(VERSION + ":" + keys.activeKeyId() + ":");
    }

    private static byte[] associatedData(String header, String context) {
        return (header + context).getBytes(StandardCharsets.UTF_8);
    }
}

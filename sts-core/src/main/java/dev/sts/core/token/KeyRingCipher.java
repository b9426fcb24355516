package dev.sts.core.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM under a {@link TokenKeyRing}, for one purpose. Layout:
 * {@code purpose(1) | keyIdLength(1) | keyId | nonce(12) | ciphertext+tag}, with the purpose byte and key id
 * authenticated, so a sealed value of one purpose (a session token) can never be opened as another
 * (an authorization message), and nothing in the header can be altered.
 */
public final class KeyRingCipher {
    public static final byte SESSION_TOKEN = 1;
    public static final byte AUTHORIZATION_MESSAGE = 0x41;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final TokenKeyRing keyRing;
    private final byte purpose;
    private final SecureRandom random = new SecureRandom();
    /**
     * One Cipher per thread: looking a Cipher up costs more than the encryption itself (profiled). Every use
     * re-initialises it with its own key and a fresh nonce, so no state carries from one call to the next.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(KeyRingCipher::newCipher);

    public KeyRingCipher(TokenKeyRing keyRing, byte purpose) {
        this.keyRing = keyRing;
        this.purpose = purpose;
    }

    public byte[] seal(byte[] plaintext) {
        byte[] keyId = keyRing.activeKeyId().getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[2 + keyId.length];
        header[0] = purpose;
        header[1] = (byte) keyId.length;
        System.arraycopy(keyId, 0, header, 2, keyId.length);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keyRing.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[header.length + NONCE_BYTES + sealed.length];
            System.arraycopy(header, 0, out, 0, header.length);
            System.arraycopy(nonce, 0, out, header.length, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, header.length + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The plaintext, or empty for anything that is not a value this cipher sealed with a key of the ring. */
    public Optional<byte[]> open(byte[] sealed) {
        if (sealed.length < 2 || sealed[0] != purpose) {
            return Optional.empty();
        }
        int headerLength = 2 + (sealed[1] & 0xff);
        if (sealed.length < headerLength + NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        String keyId = new String(sealed, 2, headerLength - 2, StandardCharsets.US_ASCII);
        Optional<SecretKey> key = keyRing.key(keyId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, sealed, headerLength, NONCE_BYTES));
            cipher.updateAAD(sealed, 0, headerLength);
            int start = headerLength + NONCE_BYTES;
            return Optional.of(cipher.doFinal(sealed, start, sealed.length - start));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }
}

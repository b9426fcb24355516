package dev.sts.core.token;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals {@link SessionClaims} into a self-contained session token and opens it again.
 * <p>
 * Layout (then base64): {@code version(1) | keyIdLength(1) | keyId | nonce(12) | AES-256-GCM(claims)},
 * with the version and key id as additional authenticated data, so none of it can be altered.
 * Opening fails closed: any token that does not decrypt and parse exactly is "invalid", never a crash.
 */
public final class SessionTokenCodec {
    /** Far above any token we issue; bounds the work an attacker can make us do. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    private static final byte FORMAT_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String INVALID = "The security token included in the request is invalid.";

    private final TokenKeyRing keyRing;
    private final SecureRandom random = new SecureRandom();

    public SessionTokenCodec(TokenKeyRing keyRing) {
        this.keyRing = keyRing;
    }

    public String seal(SessionClaims claims) {
        byte[] keyId = keyRing.activeKeyId().getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[2 + keyId.length];
        header[0] = FORMAT_VERSION;
        header[1] = (byte) keyId.length;
        System.arraycopy(keyId, 0, header, 2, keyId.length);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyRing.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(serialize(claims));
            byte[] token = new byte[header.length + NONCE_BYTES + sealed.length];
            System.arraycopy(header, 0, token, 0, header.length);
            System.arraycopy(nonce, 0, token, header.length, NONCE_BYTES);
            System.arraycopy(sealed, 0, token, header.length + NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(token);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * Opens a token. Expiry is not checked here: the caller decides with its clock.
     *
     * @throws StsException InvalidClientTokenId when the token is malformed, sealed by an unknown key or tampered with
     */
    public SessionClaims open(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (bytes.length < 2 || bytes[0] != FORMAT_VERSION) {
            throw invalid();
        }
        int keyIdLength = bytes[1] & 0xff;
        int headerLength = 2 + keyIdLength;
        if (bytes.length < headerLength + NONCE_BYTES + TAG_BITS / 8) {
            throw invalid();
        }
        String keyId = new String(bytes, 2, keyIdLength, StandardCharsets.US_ASCII);
        SecretKey key = keyRing.key(keyId).orElseThrow(SessionTokenCodec::invalid);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, headerLength, NONCE_BYTES));
            cipher.updateAAD(bytes, 0, headerLength);
            int cipherStart = headerLength + NONCE_BYTES;
            byte[] plain = cipher.doFinal(bytes, cipherStart, bytes.length - cipherStart);
            return deserialize(plain);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw invalid();
        }
    }

    private static byte[] serialize(SessionClaims claims) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            CallerIdentity id = claims.identity();
            out.writeUTF(claims.accessKeyId());
            out.writeUTF(claims.secretAccessKey());
            out.writeUTF(id.account());
            out.writeUTF(id.arn());
            out.writeUTF(id.userId());
            out.writeByte(id.type().ordinal());
            out.writeUTF(id.name() == null ? "" : id.name());
            out.writeLong(claims.issuedAt().getEpochSecond());
            out.writeLong(claims.expiresAt().getEpochSecond());
            out.writeBoolean(claims.mfaAuthenticated());
            out.writeUTF(claims.issuingRegion());
            out.writeUTF(claims.sourceAccessKeyId());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    private static SessionClaims deserialize(byte[] plain) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
        String accessKeyId = in.readUTF();
        String secret = in.readUTF();
        String account = in.readUTF();
        String arn = in.readUTF();
        String userId = in.readUTF();
        PrincipalType type = PrincipalType.values()[in.readUnsignedByte()];
        String name = in.readUTF();
        Instant issuedAt = Instant.ofEpochSecond(in.readLong());
        Instant expiresAt = Instant.ofEpochSecond(in.readLong());
        boolean mfa = in.readBoolean();
        String region = in.readUTF();
        String sourceKey = in.readUTF();
        if (in.available() != 0) {
            throw new IOException("trailing bytes");
        }
        Arrays.fill(plain, (byte) 0);
        CallerIdentity identity = new CallerIdentity(account, arn, userId, type, name.isEmpty() ? null : name);
        return new SessionClaims(accessKeyId, secret, identity, issuedAt, expiresAt, mfa, region, sourceKey);
    }

    private static StsException invalid() {
        return new StsException(StsErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID);
    }
}

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
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals {@link SessionClaims} into a self-contained session token and opens it again.
 * <p>
 * The claims are serialized compactly and sealed by a {@link KeyRingCipher} (AES-256-GCM, purpose
 * "session token"), then base64-encoded.
 * Opening fails closed: any token that does not decrypt and parse exactly is "invalid", never a crash.
 */
public final class SessionTokenCodec {
    /** Far above any token we issue; bounds the work an attacker can make us do. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    private static final String INVALID = "The security token included in the request is invalid.";

    private final KeyRingCipher cipher;

    public SessionTokenCodec(TokenKeyRing keyRing) {
        this.cipher = new KeyRingCipher(keyRing, KeyRingCipher.SESSION_TOKEN);
    }

    public String seal(SessionClaims claims) {
        return Base64.getEncoder().encodeToString(cipher.seal(serialize(claims)));
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
        byte[] plain = cipher.open(bytes).orElseThrow(SessionTokenCodec::invalid);
        try {
            return deserialize(plain);
        } catch (IOException | RuntimeException e) {
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

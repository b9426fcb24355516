package dev.sts.core.token;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.Tag;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.token.SessionClaims.SessionContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Seals {@link SessionClaims} into a self-contained session token and opens it again.
 * <p>
 * The claims are serialized compactly and sealed by a {@link KeyRingCipher} (AES-256-GCM, purpose
 * "session token"), then base64-encoded. Opening fails closed: any token that does not decrypt and parse
 * exactly is "invalid", never a crash.
 *
 * <p>Plaintext layout (format {@value #FORMAT_VERSION}; formats 2 and 3 are still opened, so sessions issued
 * before an upgrade keep working: format 2 had an MFA flag where later formats have the time of the MFA
 * authentication, and neither carries a {@link SessionLineage}, so such a session opens with the lineage its
 * identity implies — its own principal for GetSessionToken and GetFederationToken sessions, an unknown chain
 * for role sessions, which then cannot mint new sessions; any other format is invalid):
 * <pre>
 *   version(1) | core claims | lineage | contextFlag(1) [ | contextLength(4) | context ]
 *   lineage = originFlag(1) [ | originArn | originId ] | ancestorCount(1) | (keyId | issuedAt(8) | role(8))*
 *             (originFlag: 0 unknown, 1 the session's own identity — GetSessionToken — so nothing more, 2 given)
 * </pre>
 * The core claims (key id, secret, identity, times, MFA, region, source key) are never compressed. The
 * {@link SessionContext} (role, session tags, session policies) is deflated when that makes it smaller
 * (contextFlag 2, else 1 raw; 0 when there is none). Keeping the two apart is deliberate: the context holds
 * text the caller chose (tags, policy), and compressing it together with the session secret would let a
 * caller who watches token lengths learn about the secret by choosing text that compresses against it —
 * the CRIME attack on compress-then-encrypt. The context holds nothing its requester does not already know.
 *
 * <p>Sizes (measured by {@code SessionTokenCodecTest}): a GetSessionToken token is about 330 characters (its
 * lineage's origin is its own identity, two bytes), a role session with nothing added about 520, or 600 with
 * the user it was assumed by as its origin, and the largest role session the packed-policy check lets
 * through — a 2,048-character session policy of random Latin-1 text, ten policy ARNs, session tags up to
 * the packed allotment, a 512-character role path, 64-character names and source identity — about 4,800.
 * Compression is what bounds that last figure: a session that passes the packed-policy check can carry ten
 * 2,048-character policy ARNs that compress to almost nothing, 20 KB raw. A lineage at its bound of
 * {@value SessionLineage#MAX_ANCESTORS} ancestors adds about 820 characters (38 bytes an ancestor); the largest
 * role session at the bound seals to about 5,700.
 */
public final class SessionTokenCodec {
    /**
     * Far above any token we issue, within the security-token length the SigV4 parser accepts (16 KiB);
     * bounds the work an attacker can make us do. The largest session the packed-policy check lets through
     * seals to about 4,800 characters (see the class comment), so this leaves room for growth of the format.
     */
    public static final int MAX_TOKEN_LENGTH = 8192;
    /** The plaintext format this codec writes. */
    static final int FORMAT_VERSION = 4;
    /** The format before it: no lineage. */
    static final int FORMAT_NO_LINEAGE = 3;
    /** The format before that: an MFA flag, meaning MFA at issue time, instead of the MFA time. */
    static final int FORMAT_MFA_FLAG = 2;
    private static final long NO_MFA = -1;
    /** Bounds inflation of the context, even though only a holder of the ring's key could seal a bomb. */
    static final int MAX_CONTEXT_BYTES = 64 * 1024;
    /** The lineage's origin: unknown, the session's own identity (GetSessionToken), or written out. */
    private static final int ORIGIN_UNKNOWN = 0;
    private static final int ORIGIN_IS_IDENTITY = 1;
    private static final int ORIGIN_GIVEN = 2;
    private static final int NO_CONTEXT = 0;
    private static final int RAW_CONTEXT = 1;
    private static final int DEFLATED_CONTEXT = 2;
    private static final int MAX_LIST = 1024;
    /**
     * Contexts shorter than this are stored raw: an ordinary role session's context (an ARN, an id and a
     * session name) is about 100 bytes that deflate shrinks by a few bytes at most, for the price of a zlib
     * stream (a third of the cost of sealing). Session policies and tags, where compression pays, are longer.
     */
    static final int DEFLATE_FROM_BYTES = 256;
    private static final String INVALID = "The security token included in the request is invalid.";

    private final KeyRingCipher cipher;

    public SessionTokenCodec(TokenKeyRing keyRing) {
        this.cipher = new KeyRingCipher(keyRing, KeyRingCipher.SESSION_TOKEN);
    }

    /**
     * @throws IllegalStateException when the sealed token would exceed {@link #MAX_TOKEN_LENGTH}, and so could
     *                               never be opened; the packed-policy check keeps every issued session below it
     */
    public String seal(SessionClaims claims) {
        String token = Base64.getEncoder().encodeToString(cipher.seal(serialize(claims)));
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalStateException("session token of " + token.length() + " characters exceeds "
                    + MAX_TOKEN_LENGTH + " for " + claims);
        }
        return token;
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
        } catch (IOException | DataFormatException | RuntimeException e) {
            throw invalid();
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] serialize(SessionClaims claims) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            CallerIdentity id = claims.identity();
            out.writeByte(FORMAT_VERSION);
            out.writeUTF(claims.accessKeyId());
            out.writeUTF(claims.secretAccessKey());
            out.writeUTF(id.account());
            out.writeUTF(id.arn());
            out.writeUTF(id.userId());
            out.writeByte(id.type().ordinal());
            out.writeUTF(id.name() == null ? "" : id.name());
            out.writeLong(claims.issuedAt().toEpochMilli());
            out.writeLong(claims.expiresAt().toEpochMilli());
            out.writeLong(claims.mfaAuthenticatedAt().map(Instant::toEpochMilli).orElse(NO_MFA));
            out.writeUTF(claims.issuingRegion());
            out.writeUTF(claims.sourceAccessKeyId());
            writeLineage(out, claims.lineage(), id);
            if (claims.context().isEmpty()) {
                out.writeByte(NO_CONTEXT);
            } else {
                byte[] raw = serializeContext(claims.context().get());
                byte[] deflated = raw.length < DEFLATE_FROM_BYTES ? raw : deflate(raw);
                boolean useDeflated = deflated.length < raw.length;
                byte[] section = useDeflated ? deflated : raw;
                out.writeByte(useDeflated ? DEFLATED_CONTEXT : RAW_CONTEXT);
                out.writeInt(section.length);
                out.write(section);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    private static void writeLineage(DataOutputStream out, SessionLineage lineage, CallerIdentity identity)
            throws IOException {
        if (!lineage.known()) {
            out.writeByte(ORIGIN_UNKNOWN);
        } else if (lineage.originArn().get().equals(identity.arn()) && lineage.originId().get().equals(identity.userId())) {
            // A GetSessionToken session: its origin is its own identity, already written.
            out.writeByte(ORIGIN_IS_IDENTITY);
        } else {
            out.writeByte(ORIGIN_GIVEN);
            out.writeUTF(lineage.originArn().get());
            out.writeUTF(lineage.originId().get());
        }
        out.writeByte(lineage.ancestors().size());
        for (SessionLineage.Ancestor ancestor : lineage.ancestors()) {
            out.writeUTF(ancestor.accessKeyId());
            out.writeLong(ancestor.issuedAt().toEpochMilli());
            out.writeLong(ancestor.role());
        }
    }

    private static SessionLineage readLineage(DataInputStream in, String identityArn, String identityId)
            throws IOException {
        Optional<String> originArn = Optional.empty();
        Optional<String> originId = Optional.empty();
        switch (in.readUnsignedByte()) {
            case ORIGIN_UNKNOWN -> { }
            case ORIGIN_IS_IDENTITY -> {
                originArn = Optional.of(identityArn);
                originId = Optional.of(identityId);
            }
            case ORIGIN_GIVEN -> {
                originArn = Optional.of(in.readUTF());
                originId = Optional.of(in.readUTF());
            }
            default -> throw new IOException("unknown origin flag");
        }
        int count = in.readUnsignedByte();
        if (count > SessionLineage.MAX_ANCESTORS) {
            throw new IOException("lineage too deep");
        }
        List<SessionLineage.Ancestor> ancestors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ancestors.add(new SessionLineage.Ancestor(in.readUTF(), Instant.ofEpochMilli(in.readLong()), in.readLong()));
        }
        return new SessionLineage(originArn, originId, ancestors);
    }

    private static byte[] serializeContext(SessionContext context) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(context.kind().ordinal());
            out.writeUTF(context.issuerArn());
            out.writeUTF(context.issuerId());
            out.writeUTF(context.sessionName());
            writeOptional(out, context.sourceIdentity());
            out.writeShort(context.tags().size());
            for (Tag tag : context.tags()) {
                out.writeUTF(tag.key());
                out.writeUTF(tag.value());
            }
            out.writeShort(context.transitiveTagKeys().size());
            for (String key : context.transitiveTagKeys()) {
                out.writeUTF(key);
            }
            out.writeBoolean(context.policy().isPresent());
            if (context.policy().isPresent()) {
                byte[] policy = context.policy().get().getBytes(StandardCharsets.UTF_8);
                out.writeInt(policy.length);
                out.write(policy);
            }
            out.writeShort(context.policyArns().size());
            for (String arn : context.policyArns()) {
                out.writeUTF(arn);
            }
            out.writeBoolean(context.chained());
        }
        return buffer.toByteArray();
    }

    private static SessionClaims deserialize(byte[] plain) throws IOException, DataFormatException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
        int format = in.readUnsignedByte();
        if (format != FORMAT_VERSION && format != FORMAT_NO_LINEAGE && format != FORMAT_MFA_FLAG) {
            throw new IOException("unknown token format");
        }
        String accessKeyId = in.readUTF();
        String secret = in.readUTF();
        String account = in.readUTF();
        String arn = in.readUTF();
        String userId = in.readUTF();
        PrincipalType type = PrincipalType.values()[in.readUnsignedByte()];
        String name = in.readUTF();
        Instant issuedAt = Instant.ofEpochMilli(in.readLong());
        Instant expiresAt = Instant.ofEpochMilli(in.readLong());
        Optional<Instant> mfaAt = format == FORMAT_MFA_FLAG
                ? (in.readBoolean() ? Optional.of(issuedAt) : Optional.empty())
                : mfaTime(in.readLong());
        String region = in.readUTF();
        String sourceKey = in.readUTF();
        Optional<SessionLineage> lineage = format == FORMAT_VERSION
                ? Optional.of(readLineage(in, arn, userId)) : Optional.empty();
        Optional<SessionContext> context = switch (in.readUnsignedByte()) {
            case NO_CONTEXT -> Optional.empty();
            case RAW_CONTEXT -> Optional.of(deserializeContext(readSection(in)));
            case DEFLATED_CONTEXT -> Optional.of(deserializeContext(inflate(readSection(in))));
            default -> throw new IOException("unknown context flag");
        };
        if (in.available() != 0) {
            throw new IOException("trailing bytes");
        }
        CallerIdentity identity = new CallerIdentity(account, arn, userId, type, name.isEmpty() ? null : name);
        return new SessionClaims(accessKeyId, secret, identity, issuedAt, expiresAt, mfaAt, region, sourceKey, context,
                lineage.orElseGet(() -> SessionClaims.impliedLineage(identity, context)));
    }

    private static Optional<Instant> mfaTime(long epochMilli) throws IOException {
        if (epochMilli == NO_MFA) {
            return Optional.empty();
        }
        if (epochMilli < 0) {
            throw new IOException("bad MFA time");
        }
        return Optional.of(Instant.ofEpochMilli(epochMilli));
    }

    private static byte[] readSection(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad context length");
        }
        return in.readNBytes(length);
    }

    private static SessionContext deserializeContext(byte[] section) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(section));
        SessionContext.Kind kind = SessionContext.Kind.values()[in.readUnsignedByte()];
        String issuerArn = in.readUTF();
        String issuerId = in.readUTF();
        String sessionName = in.readUTF();
        Optional<String> sourceIdentity = readOptional(in);
        int tagCount = count(in);
        List<Tag> tags = new ArrayList<>(tagCount);
        for (int i = 0; i < tagCount; i++) {
            tags.add(new Tag(in.readUTF(), in.readUTF()));
        }
        int transitiveCount = count(in);
        Set<String> transitive = new LinkedHashSet<>();
        for (int i = 0; i < transitiveCount; i++) {
            transitive.add(in.readUTF());
        }
        Optional<String> policy = Optional.empty();
        if (in.readBoolean()) {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("bad policy length");
            }
            policy = Optional.of(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        int arnCount = count(in);
        List<String> policyArns = new ArrayList<>(arnCount);
        for (int i = 0; i < arnCount; i++) {
            policyArns.add(in.readUTF());
        }
        boolean chained = in.readBoolean();
        if (in.available() != 0) {
            throw new IOException("trailing context bytes");
        }
        return new SessionContext(kind, issuerArn, issuerId, sessionName, sourceIdentity, tags, transitive, policy,
                policyArns, chained);
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        if (count > MAX_LIST) {
            throw new IOException("list too long");
        }
        return count;
    }

    private static void writeOptional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            out.writeUTF(value.get());
        }
    }

    private static Optional<String> readOptional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] deflated) throws DataFormatException, IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 3);
            byte[] chunk = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("truncated context");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_CONTEXT_BYTES) {
                    throw new IOException("context too large");
                }
            }
            if (inflater.getRemaining() != 0) {
                throw new IOException("trailing deflated bytes");
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static StsException invalid() {
        return new StsException(StsErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID);
    }
}

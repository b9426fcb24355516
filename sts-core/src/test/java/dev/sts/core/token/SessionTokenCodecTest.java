package dev.sts.core.token;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.Tag;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.sts.PackedPolicySize;
import dev.sts.core.token.SessionClaims.SessionContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTokenCodecTest {
    private static final String KEY_A = "a:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = "b:" + Base64.getEncoder().encodeToString(filled(7));

    private final SessionClaims claims = new SessionClaims("ASIAABCDEFGHIJKLMNOP", "secret/with+chars", CallerIdentity.user(
            "111111111111", "/division/", "alice", "AIDAABCDEFGHIJKLMNOPQ"), Instant.parse("2026-11-23T10:00:00Z"),
            Instant.parse("2026-11-23T22:00:00Z"), true, "eu-west-1", "AKIAABCDEFGHIJKLMNOP");

    @Test
    void sealedClaimsOpenToTheSameClaims() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        assertThat(codec.open(codec.seal(claims))).isEqualTo(claims);
    }

    @Test
    void rootIdentityWithoutNameSurvivesTheRoundTrip() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        SessionClaims root = new SessionClaims("ASIAABCDEFGHIJKLMNOP", "s", CallerIdentity.root("111111111111"),
                claims.issuedAt(), claims.expiresAt(), false, "us-east-1", "AKIAABCDEFGHIJKLMNOP");
        assertThat(codec.open(codec.seal(root))).isEqualTo(root);
    }

    @Test
    void tokensAreDifferentEachTimeAndDoNotRevealTheSecret() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        String one = codec.seal(claims);
        assertThat(codec.seal(claims)).isNotEqualTo(one);
        assertThat(new String(Base64.getDecoder().decode(one))).doesNotContain("secret/with+chars", "alice");
    }

    @Test
    void rotatedRingOpensOldTokensAndSealsWithTheNewKey() {
        String oldToken = new SessionTokenCodec(TokenKeyRing.parse(KEY_A)).seal(claims);
        SessionTokenCodec rotated = new SessionTokenCodec(TokenKeyRing.parse(KEY_B + "," + KEY_A));
        assertThat(rotated.open(oldToken)).isEqualTo(claims);
        assertThat(new SessionTokenCodec(TokenKeyRing.parse(KEY_B)).open(rotated.seal(claims))).isEqualTo(claims);
    }

    @Test
    void anyFlippedByteMakesTheTokenInvalid() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        byte[] token = Base64.getDecoder().decode(codec.seal(claims));
        for (int i = 0; i < token.length; i++) {
            byte[] tampered = token.clone();
            tampered[i] ^= 0x01;
            String text = Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> codec.open(text)).isInstanceOf(StsException.class)
                    .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.INVALID_CLIENT_TOKEN_ID);
        }
    }

    @Test
    void tokenFromAnotherRingOrGarbageIsInvalid() {
        String foreign = new SessionTokenCodec(TokenKeyRing.parse(KEY_B)).seal(claims);
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        for (String bad : new String[]{foreign, "", "not base64 !", "AQ==", "x".repeat(5000),
                Base64.getEncoder().encodeToString(new byte[200])}) {
            assertThatThrownBy(() -> codec.open(bad)).isInstanceOf(StsException.class);
        }
    }

    @Test
    void keyRingRefusesBadSpecsWithoutShowingKeys() {
        assertThatThrownBy(() -> TokenKeyRing.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenKeyRing.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TokenKeyRing.parse("bad id!:AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenKeyRing.parse(KEY_A + "," + KEY_A)).hasMessageContaining("twice");
        assertThatThrownBy(() -> TokenKeyRing.parse("k1:%%%")).hasMessageNotContaining("%%%");
        assertThat(TokenKeyRing.parse(KEY_B + "," + KEY_A).activeKeyId()).isEqualTo("b");
    }

    @Test
    void claimsToStringHidesTheSecret() {
        assertThat(claims.toString()).doesNotContain("secret/with+chars");
    }

    @Test
    void roleSessionClaimsSurviveTheRoundTrip() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        SessionClaims role = roleSession(new SessionContext(SessionContext.Kind.ASSUMED_ROLE,
                "arn:aws:iam::111111111111:role/division/ReportWriter", "AROAABCDEFGHIJKLMNOPQ", "alice-session",
                Optional.of("alice@example.com"),
                List.of(new Tag("Project", "Automation"), new Tag("Café", ""), new Tag("Team", "Données/é")),
                Set.of("Project", "Café"), Optional.of("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::réports/*\"}]}"),
                List.of("arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111111111111:policy/Reports"), true));
        SessionClaims opened = codec.open(codec.seal(role));
        assertThat(opened).isEqualTo(role);
        assertThat(opened.roleSession()).isPresent();
        assertThat(opened.context().orElseThrow().transitiveTags())
                .containsExactly(new Tag("Project", "Automation"), new Tag("Café", ""));
    }

    @Test
    void aRoleSessionWithNothingAddedSurvivesTheRoundTrip() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        SessionClaims role = roleSession(SessionContext.assumedRole("arn:aws:iam::111111111111:role/R",
                "AROAABCDEFGHIJKLMNOPQ", "s1"));
        assertThat(codec.open(codec.seal(role))).isEqualTo(role);
        assertThat(claims.context()).as("the eight-argument constructor makes a session without context").isEmpty();
        assertThat(claims.roleSession()).isEmpty();
    }

    /**
     * Sizes, measured: a GetSessionToken token is about 310 characters, a plain role session's about 490; the
     * largest session the packed-policy check lets through (a 2,048-character policy of random Latin-1 text, ten
     * policy ARNs, and varied session tags up to the allotment, a 512-character role path, 64-character names
     * and source identity) seals to about 4,800 characters.
     */
    @Test
    void tokenSizesStayWithinTheLimitForTheLargestSessionIssued() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        assertThat(codec.seal(claims).length()).isLessThan(400);
        String plainRole = codec.seal(roleSession(SessionContext.assumedRole(
                "arn:aws:iam::111111111111:role/ReportWriter", "AROAABCDEFGHIJKLMNOPQ", "alice-session")));
        assertThat(plainRole.length()).isLessThan(600);

        SessionClaims maximal = maximalSession();
        String token = codec.seal(maximal);
        assertThat(token.length()).isBetween(4_000, 6_000).isLessThan(SessionTokenCodec.MAX_TOKEN_LENGTH);
        assertThat(codec.open(token)).isEqualTo(maximal);
    }

    @Test
    void contextThatCompressesWellMakesASmallToken() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        List<String> longArns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            longArns.add("arn:aws:iam::111111111111:policy/" + "p".repeat(2000) + i);
        }
        SessionClaims session = roleSession(new SessionContext(SessionContext.Kind.ASSUMED_ROLE,
                "arn:aws:iam::111111111111:role/R", "AROAABCDEFGHIJKLMNOPQ", "s", Optional.empty(), List.of(), Set.of(),
                Optional.empty(), longArns, false));
        String token = codec.seal(session);
        assertThat(token.length()).isLessThan(1_000);
        assertThat(codec.open(token)).isEqualTo(session);
    }

    @Test
    void aSessionTooLargeToOpenIsNeverSealed() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        Random random = new Random(5);
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tags.add(new Tag("k" + i + random(random, 120), random(random, 256)));
        }
        SessionClaims huge = roleSession(new SessionContext(SessionContext.Kind.ASSUMED_ROLE,
                "arn:aws:iam::111111111111:role/R", "AROAABCDEFGHIJKLMNOPQ", "s", Optional.empty(), tags, Set.of(),
                Optional.empty(), List.of(), false));
        assertThatThrownBy(() -> codec.seal(huge)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(huge.secretAccessKey());
    }

    @Test
    void tokensOfAnotherFormatOrWithABombedContextAreInvalid() throws IOException {
        TokenKeyRing ring = TokenKeyRing.parse(KEY_A);
        KeyRingCipher cipher = new KeyRingCipher(ring, KeyRingCipher.SESSION_TOKEN);
        SessionTokenCodec codec = new SessionTokenCodec(ring);

        byte[] formatOne = core(1, 0, new byte[0]);
        assertThat(isInvalid(codec, cipher.seal(formatOne))).isTrue();
        assertThat(isInvalid(codec, cipher.seal(core(5, 0, new byte[0])))).isTrue();
        assertThat(isInvalid(codec, cipher.seal(core(4, 0, new byte[0]))))
                .as("format 4 without its lineage section").isTrue();
        assertThat(codec.open(Base64.getEncoder().encodeToString(cipher.seal(core(3, 0, new byte[0]))))).isNotNull();

        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(new byte[10 * SessionTokenCodec.MAX_CONTEXT_BYTES]);
        deflater.finish();
        byte[] bomb = new byte[4096];
        int length = deflater.deflate(bomb);
        deflater.end();
        assertThat(isInvalid(codec, cipher.seal(core(3, 2, Arrays.copyOf(bomb, length))))).isTrue();
        assertThat(isInvalid(codec, cipher.seal(core(3, 2, new byte[]{1, 2, 3})))).isTrue();
        assertThat(isInvalid(codec, cipher.seal(core(3, 1, new byte[]{0})))).isTrue();
        assertThat(isInvalid(codec, cipher.seal(core(3, 7, new byte[0])))).isTrue();
    }

    @Test
    void tokensOfTheFormerFormatStillOpenWithTheirMfaAtIssueTime() throws IOException {
        TokenKeyRing ring = TokenKeyRing.parse(KEY_A);
        KeyRingCipher cipher = new KeyRingCipher(ring, KeyRingCipher.SESSION_TOKEN);
        SessionTokenCodec codec = new SessionTokenCodec(ring);
        // Format 2 wrote a flag: "true" meant MFA when the session was issued (here at epoch millisecond 1).
        SessionClaims withMfa = codec.open(Base64.getEncoder().encodeToString(cipher.seal(formatTwo(true))));
        assertThat(withMfa.mfaAuthenticatedAt()).contains(Instant.ofEpochMilli(1));
        SessionClaims withoutMfa = codec.open(Base64.getEncoder().encodeToString(cipher.seal(formatTwo(false))));
        assertThat(withoutMfa.mfaAuthenticated()).isFalse();
    }

    @Test
    void aLineageSurvivesTheRoundTrip() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        SessionClaims chained = withLineage(roleSession(SessionContext.assumedRole("arn:aws:iam::111111111111:role/R",
                "AROAABCDEFGHIJKLMNOPQ", "s3")), lineage(2));
        SessionClaims opened = codec.open(codec.seal(chained));
        assertThat(opened).isEqualTo(chained);
        assertThat(opened.lineage().originArn()).contains("arn:aws:iam::111111111111:user/alice");
        assertThat(opened.lineage().ancestors()).extracting(SessionLineage.Ancestor::accessKeyId)
                .containsExactly("ASIAANCESTOR00000000", "ASIAANCESTOR00000001");
        assertThat(codec.open(codec.seal(claims)).lineage())
                .isEqualTo(SessionLineage.origin(claims.identity().arn(), claims.identity().userId()));
    }

    @Test
    void tokensWithoutLineageOpenWithTheLineageTheirIdentityImplies() throws IOException {
        TokenKeyRing ring = TokenKeyRing.parse(KEY_A);
        KeyRingCipher cipher = new KeyRingCipher(ring, KeyRingCipher.SESSION_TOKEN);
        SessionTokenCodec codec = new SessionTokenCodec(ring);
        // Format 3 (and 2): a root's GetSessionToken session starts its own chain.
        SessionClaims root = codec.open(Base64.getEncoder().encodeToString(cipher.seal(core(3, 0, new byte[0]))));
        assertThat(root.lineage()).isEqualTo(SessionLineage.origin("arn:aws:iam::111111111111:root", "111111111111"));
        assertThat(codec.open(Base64.getEncoder().encodeToString(cipher.seal(formatTwo(false)))).lineage().known()).isTrue();
        // A role session of format 3: its chain is unknown, so it cannot mint new sessions.
        SessionClaims role = roleSession(SessionContext.assumedRole("arn:aws:iam::111111111111:role/R",
                "AROAABCDEFGHIJKLMNOPQ", "s1"));
        assertThat(role.lineage().known()).as("what the nine-argument constructor implies for a role session").isFalse();
        assertThatThrownBy(() -> SessionLineage.derivedFrom(role)).isInstanceOf(StsException.class)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.ACCESS_DENIED);
    }

    /**
     * Measured: a role session at the depth bound adds about 820 characters to its token; the largest session
     * the packed-policy check lets through, at the bound, seals to about 5,700 — below the 8,192 cap.
     */
    @Test
    void aSessionAtTheDepthBoundStillFitsInAToken() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        SessionLineage deepest = lineage(SessionLineage.MAX_ANCESTORS);
        SessionClaims plain = roleSession(SessionContext.assumedRole("arn:aws:iam::111111111111:role/R",
                "AROAABCDEFGHIJKLMNOPQ", "s"));
        int growth = codec.seal(withLineage(plain, deepest)).length() - codec.seal(withLineage(plain, lineage(0))).length();
        assertThat(growth).isBetween(700, 900);
        SessionClaims maximal = withLineage(maximalSession(), deepest);
        String token = codec.seal(maximal);
        assertThat(token.length()).isBetween(5_000, 6_500).isLessThan(SessionTokenCodec.MAX_TOKEN_LENGTH);
        assertThat(codec.open(token)).isEqualTo(maximal);
    }

    /**
     * A web identity session's chain starts at its provider and subject: at their longest (a 255-character provider
     * URL, AWS's limit, and a 255-character subject of three-byte characters, {@code WebIdentityRoleHandler}'s), with
     * the largest session and the deepest chain, the token still fits; and a federated session has no source key.
     */
    @Test
    void theLongestWebIdentityOriginAtTheDepthBoundStillFitsInAToken() {
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        String provider = "arn:aws:iam::111111111111:oidc-provider/" + "i".repeat(255);
        SessionLineage deepest = lineage(SessionLineage.MAX_ANCESTORS);
        SessionLineage webIdentity = new SessionLineage(Optional.of(provider), Optional.of("\u4e2d".repeat(255)),
                deepest.ancestors());
        SessionClaims maximal = withLineage(maximalSession(), webIdentity);
        String token = codec.seal(maximal);
        assertThat(token.length()).isLessThan(SessionTokenCodec.MAX_TOKEN_LENGTH - 500);
        assertThat(codec.open(token)).isEqualTo(maximal);
        SessionClaims unchained = withLineage(maximalSession(), SessionLineage.webIdentity(provider, "alice"));
        SessionClaims noSourceKey = new SessionClaims(unchained.accessKeyId(), unchained.secretAccessKey(),
                unchained.identity(), unchained.issuedAt(), unchained.expiresAt(), Optional.empty(),
                unchained.issuingRegion(), "", unchained.context(), unchained.lineage());
        assertThat(codec.open(codec.seal(noSourceKey))).isEqualTo(noSourceKey);
    }

    @Test
    void chainingBeyondTheDepthBoundIsRefusedAndTheBoundIsKeptWhenOpening() throws IOException {
        SessionClaims atBound = withLineage(claims, lineage(SessionLineage.MAX_ANCESTORS));
        assertThatThrownBy(() -> SessionLineage.derivedFrom(atBound)).isInstanceOf(StsException.class)
                .hasMessageContaining("limited to 16")
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.VALIDATION_ERROR);
        SessionClaims belowBound = withLineage(claims, lineage(SessionLineage.MAX_ANCESTORS - 1));
        assertThat(SessionLineage.derivedFrom(belowBound).ancestors()).hasSize(SessionLineage.MAX_ANCESTORS)
                .last().extracting(SessionLineage.Ancestor::accessKeyId).isEqualTo(claims.accessKeyId());

        // A sealed token claiming more ancestors than the bound does not open.
        TokenKeyRing ring = TokenKeyRing.parse(KEY_A);
        KeyRingCipher cipher = new KeyRingCipher(ring, KeyRingCipher.SESSION_TOKEN);
        SessionTokenCodec codec = new SessionTokenCodec(ring);
        ByteArrayOutputStream lineage = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(lineage)) {
            out.writeBoolean(false);
            out.writeByte(SessionLineage.MAX_ANCESTORS + 1);
            for (int i = 0; i <= SessionLineage.MAX_ANCESTORS; i++) {
                out.writeUTF("ASIAANCESTOR" + i);
                out.writeLong(1);
                out.writeLong(0);
            }
        }
        byte[] tooDeep = core(4, 0, new byte[0], out -> out.writeLong(-1), lineage.toByteArray());
        assertThat(isInvalid(codec, cipher.seal(tooDeep))).isTrue();
        byte[] empty = lineageBytes();
        assertThat(codec.open(Base64.getEncoder().encodeToString(cipher.seal(
                core(4, 0, new byte[0], out -> out.writeLong(-1), empty)))).lineage().known())
                .as("positive control: the same layout with no ancestors opens").isFalse();
    }

    private static byte[] lineageBytes() throws IOException {
        ByteArrayOutputStream lineage = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(lineage)) {
            out.writeBoolean(false);
            out.writeByte(0);
        }
        return lineage.toByteArray();
    }

    private static SessionLineage lineage(int depth) {
        List<SessionLineage.Ancestor> ancestors = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            ancestors.add(new SessionLineage.Ancestor(String.format("ASIAANCESTOR%08d", i),
                    Instant.parse("2026-11-23T09:00:00Z").plusSeconds(i),
                    SessionLineage.roleFingerprint("arn:aws:iam::111111111111:role/" + "p/".repeat(200) + "Role" + i)));
        }
        return new SessionLineage(Optional.of("arn:aws:iam::111111111111:user/alice"),
                Optional.of("AIDAABCDEFGHIJKLMNOPQ"), ancestors);
    }

    private static SessionClaims withLineage(SessionClaims c, SessionLineage lineage) {
        return new SessionClaims(c.accessKeyId(), c.secretAccessKey(), c.identity(), c.issuedAt(), c.expiresAt(),
                c.mfaAuthenticatedAt(), c.issuingRegion(), c.sourceAccessKeyId(), c.context(), lineage);
    }

    @Test
    void anInheritedMfaTimeSurvivesTheRoundTrip() {
        SessionClaims chained = new SessionClaims(claims.accessKeyId(), claims.secretAccessKey(), claims.identity(),
                claims.issuedAt(), claims.expiresAt(), Optional.of(claims.issuedAt().minusSeconds(5_000)),
                claims.issuingRegion(), claims.sourceAccessKeyId(), Optional.empty());
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(KEY_A));
        assertThat(codec.open(codec.seal(chained))).isEqualTo(chained);
    }

    @Test
    void roleSessionToStringHidesSecretsTagValuesAndPolicy() {
        SessionClaims role = maximalSession();
        String text = role.toString();
        assertThat(text).doesNotContain(role.secretAccessKey());
        SessionContext context = role.context().orElseThrow();
        assertThat(text).contains(context.issuerArn(), context.tags().get(0).key());
        for (Tag tag : context.tags()) {
            assertThat(text).doesNotContain(tag.value());
        }
        assertThat(text).doesNotContain(context.policy().orElseThrow());
    }

    /** A format-2 token's plaintext: the MFA flag where format 3 has the MFA time. */
    private static byte[] formatTwo(boolean mfa) throws IOException {
        return core(2, 0, new byte[0], out -> out.writeBoolean(mfa));
    }

    /** The core claims in format {@code version}, then the context flag and section as given. */
    private static byte[] core(int version, int contextFlag, byte[] section) throws IOException {
        return core(version, contextFlag, section, out -> out.writeLong(-1));
    }

    private interface MfaField {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] core(int version, int contextFlag, byte[] section, MfaField mfa) throws IOException {
        return core(version, contextFlag, section, mfa, new byte[0]);
    }

    private static byte[] core(int version, int contextFlag, byte[] section, MfaField mfa, byte[] lineage)
            throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(version);
            for (String s : new String[]{"ASIAABCDEFGHIJKLMNOP", "s", "111111111111", "arn:aws:iam::111111111111:root",
                    "111111111111"}) {
                out.writeUTF(s);
            }
            out.writeByte(0);
            out.writeUTF("");
            out.writeLong(1);
            out.writeLong(2);
            mfa.write(out);
            out.writeUTF("us-east-1");
            out.writeUTF("AKIAABCDEFGHIJKLMNOP");
            out.write(lineage);
            out.writeByte(contextFlag);
            if (contextFlag != 0) {
                out.writeInt(section.length);
                out.write(section);
            }
        }
        return buffer.toByteArray();
    }

    private static boolean isInvalid(SessionTokenCodec codec, byte[] sealed) {
        try {
            codec.open(Base64.getEncoder().encodeToString(sealed));
            return false;
        } catch (StsException e) {
            return e.errorCode() == StsErrorCode.INVALID_CLIENT_TOKEN_ID;
        }
    }

    private SessionClaims roleSession(SessionContext context) {
        CallerIdentity identity = new CallerIdentity("111111111111",
                "arn:aws:sts::111111111111:assumed-role/ReportWriter/" + context.sessionName(),
                context.issuerId() + ":" + context.sessionName(), PrincipalType.ASSUMED_ROLE, context.sessionName());
        return new SessionClaims("ASIAABCDEFGHIJKLMNOP", "roleSecret/0123456789+abcdefghijklmnopqr", identity,
                claims.issuedAt(), claims.issuedAt().plusSeconds(3600), false, "us-east-1", "AKIAABCDEFGHIJKLMNOP",
                Optional.of(context));
    }

    /**
     * The largest session the packed-policy check lets through, and the longest names IAM allows: a 2,048-character
     * session policy of random Latin-1 text, ten policy ARNs, varied session tags added until the packed space is
     * full, a 512-character role path, 64-character role and session names, a 64-character source identity.
     */
    static SessionClaims maximalSession() {
        Random random = new Random(7);
        StringBuilder resource = new StringBuilder();
        while (resource.length() < 2048) {
            char c = (char) (0x21 + random.nextInt(0xDE));
            if (c != '"' && c != '\\') {
                resource.append(c);
            }
        }
        String head = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::";
        String policy = head + resource.substring(0, 2048 - head.length() - 4) + "\"}]}";
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            arns.add("arn:aws:iam::111111111111:policy/team/Policy" + random(random, 20));
        }
        List<Tag> tags = new ArrayList<>();
        while (true) {
            tags.add(new Tag(String.format("%02d", tags.size()) + random(random, 126), random(random, 256)));
            if (!PackedPolicySize.of(Optional.of(policy), arns, tags).fits()) {
                tags.remove(tags.size() - 1);
                break;
            }
        }
        for (int length = 256; length >= 0; length--) {
            tags.add(new Tag("last", random(random, length)));
            if (PackedPolicySize.of(Optional.of(policy), arns, tags).fits()) {
                break;
            }
            tags.remove(tags.size() - 1);
        }
        String roleName = "R".repeat(64);
        String sessionName = "S".repeat(64);
        Set<String> transitive = new LinkedHashSet<>();
        tags.forEach(tag -> transitive.add(tag.key()));
        CallerIdentity identity = new CallerIdentity("111111111111",
                "arn:aws:sts::111111111111:assumed-role/" + roleName + "/" + sessionName,
                "AROAABCDEFGHIJKLMNOPQ:" + sessionName, PrincipalType.ASSUMED_ROLE, sessionName);
        SessionContext context = new SessionContext(SessionContext.Kind.ASSUMED_ROLE,
                "arn:aws:iam::111111111111:role/" + "p".repeat(510) + "/" + roleName, "AROAABCDEFGHIJKLMNOPQ",
                sessionName, Optional.of("I".repeat(64)), tags, transitive, Optional.of(policy), arns, true);
        return new SessionClaims("ASIAABCDEFGHIJKLMNOP", "roleSecret/0123456789+abcdefghijklmnopqr", identity,
                Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T11:00:00Z"), true, "ap-southeast-2",
                "AKIAABCDEFGHIJKLMNOP", Optional.of(context));
    }

    private static String random(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:/=+-@ ";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}

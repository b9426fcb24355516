package dev.sts.core.token;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.CallerIdentity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;

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

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}

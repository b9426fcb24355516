package dev.sts.core.crypto;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSealerTest {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String CONTEXT = "iam:access-key:AKIAALICE00000000001#secretAccessKey";
    static final String K1 = AesKeyRing.newKeySpec("k1");
    static final String K2 = AesKeyRing.newKeySpec("k2");

    final SecretSealer sealer = SecretSealer.parse(K1);

    @Test
    void aSealedValueOpensUnderItsOwnContextAndHidesThePlaintext() {
        String sealed = sealer.seal(SECRET, CONTEXT);

        assertThat(sealed).startsWith("v1:k1:").doesNotContain(SECRET)
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes()));
        assertThat(SecretSealer.isSealed(sealed)).isTrue();
        assertThat(sealer.open(sealed, CONTEXT)).contains(SECRET);
    }

    @Test
    void everySealUsesAFreshIv() {
        assertThat(sealer.seal(SECRET, CONTEXT)).isNotEqualTo(sealer.seal(SECRET, CONTEXT));
    }

    @Test
    void aSealedValueMovedToAnotherRecordDoesNotOpen() {
        String sealed = sealer.seal(SECRET, CONTEXT);

        assertThat(sealer.open(sealed, "iam:access-key:AKIAMALLORY000000001#secretAccessKey")).isEmpty();
        assertThat(sealer.open(sealed, "iam:access-key:AKIAALICE00000000001#base32Seed")).isEmpty();
        assertThat(sealer.open(sealed, CONTEXT)).contains(SECRET); // positive control
    }

    @Test
    void anUnknownKeyIdDoesNotOpen() {
        String sealed = sealer.seal(SECRET, CONTEXT);
        SecretSealer other = SecretSealer.parse(K2);

        assertThat(other.open(sealed, CONTEXT)).isEmpty();
        assertThat(SecretSealer.parse(K2 + "," + K1).open(sealed, CONTEXT)).contains(SECRET); // positive control
    }

    @Test
    void aRelabelledKeyIdDoesNotOpenEvenWhenTheRingHoldsThatId() {
        String sealed = sealer.seal(SECRET, CONTEXT);
        // The same key material under two ids: the key id is authenticated, so relabelling is caught by the tag.
        String material = K1.substring(K1.indexOf(':') + 1);
        SecretSealer twoIds = SecretSealer.parse(K1 + ",k9:" + material);

        assertThat(twoIds.open(sealed.replaceFirst("v1:k1:", "v1:k9:"), CONTEXT)).isEmpty();
        assertThat(twoIds.open(sealed, CONTEXT)).contains(SECRET);
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        String sealed = sealer.seal(SECRET, CONTEXT);
        byte[] body = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));
        for (int i = 0; i < body.length; i++) {
            byte[] tampered = body.clone();
            tampered[i] ^= 1;
            assertThat(sealer.open("v1:k1:" + Base64.getEncoder().encodeToString(tampered), CONTEXT)).isEmpty();
        }
    }

    @Test
    void anUnknownVersionOrAMalformedValueDoesNotOpen() {
        String sealed = sealer.seal(SECRET, CONTEXT);

        assertThat(sealer.open("v2" + sealed.substring(2), CONTEXT)).isEmpty();
        assertThat(sealer.open("v1:k1", CONTEXT)).isEmpty();
        assertThat(sealer.open("v1:k1:", CONTEXT)).isEmpty();
        assertThat(sealer.open("v1:k1:not base64!", CONTEXT)).isEmpty();
        assertThat(sealer.open("v1:k1:AAAA", CONTEXT)).isEmpty();
        assertThat(sealer.open("v1:bad id:" + sealed.substring(6), CONTEXT)).isEmpty();
        assertThat(sealer.open("v1:k1:" + "A".repeat(5000), CONTEXT)).isEmpty();
        assertThat(sealer.open(":", CONTEXT)).isEmpty();
    }

    @Test
    void aLegacyPlaintextValueReadsAsItIsAndNeedsARewrap() {
        assertThat(SecretSealer.isSealed(SECRET)).isFalse();
        assertThat(sealer.open(SECRET, CONTEXT)).contains(SECRET);
        assertThat(sealer.needsRewrap(SECRET)).isTrue();
    }

    @Test
    void onlyAValueSealedUnderTheActiveKeyIsCurrent() {
        String underK1 = sealer.seal(SECRET, CONTEXT);
        SecretSealer rotated = SecretSealer.parse(K2 + "," + K1);

        assertThat(sealer.needsRewrap(underK1)).isFalse();
        assertThat(rotated.needsRewrap(underK1)).isTrue();
        assertThat(rotated.needsRewrap(rotated.seal(SECRET, CONTEXT))).isFalse();
    }

    @Test
    void aSecretWithAColonIsRefusedRatherThanMistakenForASealedValue() {
        assertThatThrownBy(() -> sealer.seal("a:b", CONTEXT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadRingIsRefusedWithoutShowingKeyMaterial() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> SecretSealer.parse("k1:" + shortKey))
                .hasMessage("key-encryption key k1 must be 32 bytes (AES-256)").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> SecretSealer.parse(" ")).hasMessage("the key-encryption key ring is empty");
        assertThatThrownBy(() -> SecretSealer.parse(K1 + "," + K1)).hasMessage("key-encryption key id k1 appears twice");
        assertThatThrownBy(() -> SecretSealer.parse("k1=" + shortKey)).hasMessage("a key-encryption key entry must be id:base64key");
    }
}

package dev.sts.core.id;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {
    @RepeatedTest(20)
    void generatedIdsHaveAwsFormats() {
        assertThat(Identifiers.newLongTermAccessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(Identifiers.newTemporaryAccessKeyId("111111111111")).matches("ASIA[A-Z2-7]{16}");
        assertThat(Identifiers.newUserId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(Identifiers.newRoleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(Identifiers.newSecretAccessKey()).matches("[A-Za-z0-9+/]{40}");
    }

    @Test
    void everyCharacterOfEachAlphabetIsDrawnAndNoIdRepeats() {
        Set<Character> idCharacters = new HashSet<>();
        Set<Character> secretCharacters = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String id = Identifiers.newTemporaryAccessKeyId("111111111111");
            assertThat(ids.add(id)).as("repeated id %s", id).isTrue();
            Identifiers.newUserId().substring(4).chars().forEach(c -> idCharacters.add((char) c));
            Identifiers.newSecretAccessKey().chars().forEach(c -> secretCharacters.add((char) c));
        }
        // 32,000 and 80,000 draws: a character missing would mean a skewed mapping from random bits.
        assertThat(idCharacters).hasSize(32);
        assertThat(secretCharacters).hasSize(64);
    }

    @Test
    void kindFollowsThePrefixAndShape() {
        assertThat(AccessKeyKind.of("AKIAIOSFODNN7EXAMPLE")).isEqualTo(AccessKeyKind.LONG_TERM);
        assertThat(AccessKeyKind.of(Identifiers.newTemporaryAccessKeyId("111111111111"))).isEqualTo(AccessKeyKind.TEMPORARY);
        assertThat(AccessKeyKind.of("AKIAIOSFODNN7EXAMPL")).isEqualTo(AccessKeyKind.UNKNOWN);
        assertThat(AccessKeyKind.of("akiaiosfodnn7example")).isEqualTo(AccessKeyKind.UNKNOWN);
        assertThat(AccessKeyKind.of("AKIA/../../etc/passw")).isEqualTo(AccessKeyKind.UNKNOWN);
        assertThat(AccessKeyKind.of("ABIAIOSFODNN7EXAMPLE")).isEqualTo(AccessKeyKind.UNKNOWN);
        assertThat(AccessKeyKind.of(null)).isEqualTo(AccessKeyKind.UNKNOWN);
    }

    @Test
    void accountIdsAreTwelveDigits() {
        assertThat(Identifiers.isAccountId("111111111111")).isTrue();
        assertThat(Identifiers.isAccountId("11111111111")).isFalse();
        assertThat(Identifiers.isAccountId("11111111111a")).isFalse();
    }
}

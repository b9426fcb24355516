package dev.sts.core.id;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {
    @RepeatedTest(20)
    void generatedIdsHaveAwsFormats() {
        assertThat(Identifiers.newLongTermAccessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(Identifiers.newTemporaryAccessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(Identifiers.newUserId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(Identifiers.newRoleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(Identifiers.newSecretAccessKey()).matches("[A-Za-z0-9+/]{40}");
    }

    @Test
    void kindFollowsThePrefixAndShape() {
        assertThat(AccessKeyKind.of("AKIAIOSFODNN7EXAMPLE")).isEqualTo(AccessKeyKind.LONG_TERM);
        assertThat(AccessKeyKind.of(Identifiers.newTemporaryAccessKeyId())).isEqualTo(AccessKeyKind.TEMPORARY);
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

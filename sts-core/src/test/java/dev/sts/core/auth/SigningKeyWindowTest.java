package dev.sts.core.auth;

import dev.sts.core.sigv4.CredentialScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyWindowTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:02:00Z"), ZoneOffset.UTC);
    private final SigningKeyWindow window = new SigningKeyWindow(CLOCK, Set.of("us-east-1"), SigningKeyWindow.SERVICES);

    @ParameterizedTest
    @ValueSource(strings = {"20261122", "20261123", "20261124"})
    void allowsTodayAndTheDaysEitherSideForAnAllowedRegionAndService(String date) {
        for (String service : SigningKeyWindow.SERVICES) {
            assertThat(window.refusal(new CredentialScope(date, "us-east-1", service))).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"20261121", "20261125", "20991231", "19700101", "2026112", "202611230", "20261301",
            "20260230", "2026-11-", "20261123 "})
    void refusesEveryOtherDate(String date) {
        assertThat(window.refusal(new CredentialScope(date, "us-east-1", "sts"))).isPresent();
        assertThat(window.allows(new CredentialScope(date, "us-east-1", "sts"))).isFalse();
    }

    @Test
    void refusesAnotherRegionAndAServiceOffTheList() {
        assertThat(window.allows(new CredentialScope("20261123", "us-east-1", "sts"))).as("control").isTrue();
        assertThat(window.refusal(new CredentialScope("20261123", "eu-west-1", "sts"))).contains("region not allowed");
        assertThat(window.refusal(new CredentialScope("20261123", "us-east-1", "s3"))).contains("service not allowed");
        assertThat(window.refusal(new CredentialScope("20261123", "us-east-1", "STS"))).contains("service not allowed");
    }

    @Test
    void aWindowCanOnlyNarrowTheServiceList() {
        assertThatThrownBy(() -> new SigningKeyWindow(CLOCK, Set.of("us-east-1"), Set.of("sts", "s3")))
                .isInstanceOf(IllegalArgumentException.class);
        SigningKeyWindow stsOnly = new SigningKeyWindow(CLOCK, Set.of("us-east-1"), Set.of("sts"));
        assertThat(stsOnly.allows(new CredentialScope("20261123", "us-east-1", "sts"))).isTrue();
        assertThat(stsOnly.allows(new CredentialScope("20261123", "us-east-1", "iam"))).isFalse();
    }
}

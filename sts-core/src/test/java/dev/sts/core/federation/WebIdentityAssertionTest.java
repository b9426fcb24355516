package dev.sts.core.federation;

import dev.sts.core.iam.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebIdentityAssertionTest {
    private static final WebIdentityAssertion ASSERTION = new WebIdentityAssertion(
            "arn:aws:iam::111111111111:oidc-provider/issuer.example/realms/a", "issuer.example/realms/a",
            "https://issuer.example/realms/a", "subject-1", "client-a", List.of("client-a", "other"), List.of("pwd"),
            Instant.parse("2026-12-08T00:00:00Z"), Instant.parse("2026-12-08T01:00:00Z"),
            List.of(new Tag("team", "blue")), List.of("team"), Optional.of("alice"));

    @Test
    void survivesItsWireForm() {
        assertThat(WebIdentityAssertion.fromJson(ASSERTION.toJson())).isEqualTo(ASSERTION);
    }

    @Test
    void anAssertionWithoutOptionalPartsSurvivesToo() {
        WebIdentityAssertion bare = new WebIdentityAssertion(ASSERTION.providerArn(), ASSERTION.providerUrl(),
                ASSERTION.issuer(), "s", "client-a", null, null, ASSERTION.issuedAt(), ASSERTION.expiresAt(), null, null,
                Optional.empty());
        assertThat(WebIdentityAssertion.fromJson(bare.toJson())).isEqualTo(bare);
        assertThat(bare.audiences()).containsExactly("client-a");
    }

    @Test
    void refusesAFormWithARequiredFieldMissingOrMistyped() {
        String json = ASSERTION.toJson();
        assertThat(WebIdentityAssertion.fromJson(json)).isNotNull();
        assertThatThrownBy(() -> WebIdentityAssertion.fromJson(json.replace("\"subject\"", "\"subjekt\"")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebIdentityAssertion.fromJson(json.replace("\"subject\":\"subject-1\"", "\"subject\":1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebIdentityAssertion.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}

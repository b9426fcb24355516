package dev.sts.core.federation;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An account's outbound issuer: the configured base, {@code /outbound/}, 32 random lower-case hex digits. */
class OutboundIssuerIdentifiersTest {
    @Test
    void anIdentifierIsTheBaseAndARandomIssuerId() {
        OutboundIssuerIdentifiers issuers = new OutboundIssuerIdentifiers("https://sts.example.com/", new SecureRandom());
        String first = issuers.newIdentifier();
        String second = issuers.newIdentifier();
        assertThat(first).matches("https://sts\\.example\\.com/outbound/[0-9a-f]{32}");
        assertThat(second).isNotEqualTo(first);
        assertThat(OutboundIssuerIdentifiers.isIssuerId(first.substring(first.lastIndexOf('/') + 1))).isTrue();
        assertThat(new OutboundIssuerIdentifiers("http://127.0.0.1:8091", new SecureRandom()).newIdentifier())
                .startsWith("http://127.0.0.1:8091/outbound/");
    }

    @Test
    void issuerIdsOfAnotherFormAreNotIssuerIds() {
        assertThat(OutboundIssuerIdentifiers.isIssuerId("0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(OutboundIssuerIdentifiers.isIssuerId("0123456789ABCDEF0123456789abcdef")).isFalse();
        assertThat(OutboundIssuerIdentifiers.isIssuerId("0123456789abcdef0123456789abcde")).isFalse();
        assertThat(OutboundIssuerIdentifiers.isIssuerId("../../0123456789abcdef0123456789")).isFalse();
        assertThat(OutboundIssuerIdentifiers.isIssuerId(null)).isFalse();
    }

    @Test
    void aBaseThatIsNotAnHttpUrlIsRefusedAtStart() {
        for (String base : new String[] {"sts.example.com", "ftp://sts.example.com", "https://sts.example.com/?q=1",
                "https://sts.example.com/#f", "https://user@sts.example.com"}) {
            assertThatThrownBy(() -> new OutboundIssuerIdentifiers(base, new SecureRandom()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

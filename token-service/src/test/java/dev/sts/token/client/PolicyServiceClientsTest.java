package dev.sts.token.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.auth.SigningKeyWindow;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.sigv4.CredentialScope;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What token-service refuses before it asks policy-service. policy-service is a closed port here, so a call that
 * is made answers ServiceUnavailable (the control) and one that is not answers on its own.
 */
class PolicyServiceClientsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final PolicyServiceClient closed = new PolicyServiceClient(URI.create("http://127.0.0.1:9"), "token",
            Duration.ofSeconds(1));
    private final PolicyServiceSigningKeyDirectory keys = new PolicyServiceSigningKeyDirectory(closed,
            new SigningKeyWindow(CLOCK, Set.of("us-east-1"), Set.of("sts")), new ObjectMapper());
    private final PolicyServiceMfaCodeChecker codes = new PolicyServiceMfaCodeChecker(closed, new ObjectMapper());

    @Test
    void aScopeOutsideTheWindowIsSignatureDoesNotMatchWithoutACall() {
        assertThatThrownBy(() -> keys.find("AKIAALICE00000000001", new CredentialScope("20261123", "us-east-1", "sts")))
                .as("control: an allowed scope is asked about").isInstanceOf(StsException.class)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.SERVICE_UNAVAILABLE);
        for (CredentialScope outside : new CredentialScope[] {
                new CredentialScope("20261120", "us-east-1", "sts"),
                new CredentialScope("20261125", "us-east-1", "sts"),
                new CredentialScope("20261123", "eu-west-1", "sts"),
                new CredentialScope("20261123", "us-east-1", "iam")}) {
            assertThatThrownBy(() -> keys.find("AKIAALICE00000000001", outside)).isInstanceOf(StsException.class)
                    .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.SIGNATURE_DOES_NOT_MATCH);
        }
    }

    @Test
    void malformedMfaInputsNameNoDeviceWithoutACall() {
        assertThatThrownBy(() -> codes.check("arn:aws:iam::111111111111:mfa/alice", "123456"))
                .as("control: a well-formed pair is asked about").isInstanceOf(StsException.class)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.SERVICE_UNAVAILABLE);
        assertThat(codes.check("GAHT12345678", "123456")).isEmpty();
        assertThat(codes.check("arn:aws:iam::111111111111:mfa/alice", "12345")).isEmpty();
        assertThat(codes.check("arn:aws:iam::111111111111:mfa/" + "a".repeat(300), "123456")).isEmpty();
    }
}

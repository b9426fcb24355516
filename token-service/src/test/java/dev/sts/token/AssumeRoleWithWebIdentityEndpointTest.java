package dev.sts.token;

import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AssumeRoleWithWebIdentity on token-service's endpoint through the AWS SDK for Java v2, which sends it unsigned, as
 * every AWS SDK does. federation-service is a closed port in the service's own tests, so a token that reaches the
 * validation step is answered ServiceUnavailable (never a 500, never the token); the end-to-end suite runs the
 * real federation-service.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "token-service"))
class AssumeRoleWithWebIdentityEndpointTest {
    private static final String ROLE = "arn:aws:iam::444444444444:role/WebDeployer";

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void anUnsignedCallIsAcceptedAndAnUnreachableFederationServiceIsServiceUnavailable() {
        String token = "eyJhbGciOiJSUzI1NiJ9." + UUID.randomUUID() + ".signature";
        assertThatThrownBy(() -> anonymous().assumeRoleWithWebIdentity(r -> r.roleArn(ROLE).roleSessionName("ci")
                .webIdentityToken(token))).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorMessage()).doesNotContain(token);
        });
        String event = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1",
                record -> record.value().contains("\"eventName\":\"AssumeRoleWithWebIdentity\"")
                        && record.value().contains("\"errorCode\":\"ServiceUnavailable\""),
                Duration.ofSeconds(20)).value();
        assertThat(event).contains("\"recipientAccountId\":\"444444444444\"", "\"roleArn\":\"" + ROLE + "\"")
                .doesNotContain(token).doesNotContain("webIdentityToken");
    }

    @Test
    void requestRulesAreCheckedBeforeFederationServiceIsAsked() {
        // Each answers on its own, where a call to federation-service would answer ServiceUnavailable (the test above).
        assertError(() -> anonymous().assumeRoleWithWebIdentity(r -> r.roleArn("arn:aws:iam::444444444444:user/alice")
                .roleSessionName("ci").webIdentityToken("eyJ.token.sig")), "ValidationError", 400);
        assertError(() -> anonymous().assumeRoleWithWebIdentity(r -> r.roleArn(ROLE).roleSessionName("ci")
                .webIdentityToken("abc")), "ValidationError", 400);
        assertError(() -> anonymous().assumeRoleWithWebIdentity(r -> r.roleArn(ROLE).roleSessionName("ci")
                .webIdentityToken("eyJ.token.sig").providerId("www.amazon.com")), "InvalidParameterValue", 400);
        assertError(() -> anonymous().assumeRoleWithWebIdentity(r -> r.roleArn(ROLE).roleSessionName("ci")
                .webIdentityToken("eyJ.token.sig").durationSeconds(600)), "ValidationError", 400);
    }

    @Test
    void otherActionsStillNeedASignature() {
        assertError(() -> anonymous().assumeRole(r -> r.roleArn(ROLE).roleSessionName("ci")),
                "MissingAuthenticationToken", 403);
    }

    private StsClient anonymous() {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    private static void assertError(Runnable call, String code, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}

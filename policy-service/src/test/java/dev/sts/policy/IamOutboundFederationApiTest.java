package dev.sts.policy;

import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOutboundWebIdentityFederationInfoResponse;
import software.amazon.awssdk.services.iam.model.IamException;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outbound web identity federation through the AWS SDK for Java v2's IamClient, against real Redis and Kafka: an
 * account switches it on (and gets its issuer), reads it, switches it off, each refused as AWS refuses it when the
 * feature is already in that state.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "policy-service"))
class IamOutboundFederationApiTest {
    private static final String ACCOUNT = "333333333333";

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void anAccountEnablesReadsAndDisablesOutboundFederationWithFeatureErrorsInTheWrongState() {
        IamClient root = IamTestClients.of(endpoint, "AKIATESTROOT00000003", "testRootSecret/000000000000000000000003");
        assertFeatureError(() -> root.getOutboundWebIdentityFederationInfo(r -> { }), "FeatureDisabled", 404);
        assertFeatureError(() -> root.disableOutboundWebIdentityFederation(r -> { }), "FeatureDisabled", 404);

        String issuer = root.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier();
        assertThat(issuer).matches("http://127\\.0\\.0\\.1:8091/outbound/[0-9a-f]{32}");
        assertFeatureError(() -> root.enableOutboundWebIdentityFederation(r -> { }), "FeatureEnabled", 409);
        GetOutboundWebIdentityFederationInfoResponse info = root.getOutboundWebIdentityFederationInfo(r -> { });
        assertThat(info.issuerIdentifier()).isEqualTo(issuer);
        assertThat(info.jwtVendingEnabled()).isTrue();

        root.disableOutboundWebIdentityFederation(r -> { });
        assertFeatureError(() -> root.getOutboundWebIdentityFederationInfo(r -> { }), "FeatureDisabled", 404);
        // Switched on again, the account gets a new issuer: tokens of the old one are not vouched for any more.
        String again = root.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier();
        assertThat(again).isNotEqualTo(issuer).startsWith("http://127.0.0.1:8091/outbound/");

        assertThat(KafkaTopicReader.ofLocalInfrastructure().awaitRecords("iam.changes.v1", 3,
                record -> record.value().contains("\"kind\":\"OUTBOUND_FEDERATION\"")
                        && record.value().contains("\"name\":\"" + ACCOUNT + "\""), Duration.ofSeconds(20))).hasSize(3);
        root.disableOutboundWebIdentityFederation(r -> { });
    }

    @Test
    void eachAccountHasItsOwnIssuer() {
        IamClient root = IamTestClients.of(endpoint, "AKIATESTROOT00000004", "testRootSecret/000000000000000000000004");
        String issuer = root.enableOutboundWebIdentityFederation(r -> { }).issuerIdentifier();
        try {
            assertThat(root.getOutboundWebIdentityFederationInfo(r -> { }).issuerIdentifier()).isEqualTo(issuer);
        } finally {
            root.disableOutboundWebIdentityFederation(r -> { });
        }
    }

    @Test
    void aUserWithoutPoliciesMayNotSwitchItOnAndAnIamAdministratorMay() {
        IamClient bob = IamTestClients.of(endpoint, "AKIATESTBOB000000003", "testBobSecret/0000000000000000000000003");
        IamClient carol = IamTestClients.of(endpoint, "AKIATESTCAROL0000003", "testCarolSecret/00000000000000000000003");
        assertFeatureError(() -> bob.getOutboundWebIdentityFederationInfo(r -> { }), "AccessDenied", 403);
        assertFeatureError(() -> bob.enableOutboundWebIdentityFederation(r -> { }), "AccessDenied", 403);
        assertFeatureError(() -> carol.getOutboundWebIdentityFederationInfo(r -> { }), "FeatureDisabled", 404);
    }

    private static void assertFeatureError(Runnable call, String code, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}

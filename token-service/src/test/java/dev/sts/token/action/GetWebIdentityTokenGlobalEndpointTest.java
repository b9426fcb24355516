package dev.sts.token.action;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.token.SessionClaims;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.SignedQueryClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** At an endpoint configured as the global one, GetWebIdentityToken is refused before anything else; other actions work. */
@QuarkusTest
@TestProfile(GetWebIdentityTokenGlobalEndpointTest.GlobalEndpoint.class)
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "token-service"))
class GetWebIdentityTokenGlobalEndpointTest {
    /** token-service as the global endpoint. */
    public static class GlobalEndpoint implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sts.global-endpoint", "true");
        }
    }

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    SessionIssuer issuer;

    @Test
    void theGlobalEndpointRefusesGetWebIdentityToken() throws Exception {
        CallerIdentity user = CallerIdentity.user("222222222222", "/", "alice", "AIDAGLOBALALICE00001");
        CallerIdentity session = new CallerIdentity("222222222222", "arn:aws:sts::222222222222:assumed-role/Builder/s1",
                "AROAGLOBALBUILDER001:s1", PrincipalType.ASSUMED_ROLE, "s1");
        var issued = issuer.issue(new AuthenticatedCaller(user, "AKIAGLOBALALICE00001", Optional.empty()), session,
                Duration.ofHours(1), false, Optional.of(SessionClaims.SessionContext.assumedRole(
                        "arn:aws:iam::222222222222:role/Builder", "AROAGLOBALBUILDER001", "s1"))).credentials();
        AwsSessionCredentials credentials = AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(),
                issued.sessionToken());
        SignedQueryClient client = new SignedQueryClient(endpoint);

        SignedQueryClient.Answer control = client.post("Action=GetCallerIdentity&Version=2011-06-15", credentials,
                Clock.systemUTC());
        assertThat(control.status()).as("control: the same caller at the same endpoint").isEqualTo(200);

        SignedQueryClient.Answer refused = client.post("Action=GetWebIdentityToken&Version=2011-06-15"
                + "&Audience.member.1=https%3A%2F%2Fok.example&SigningAlgorithm=RS256", credentials, Clock.systemUTC());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("<Code>InvalidAction</Code>").contains("global endpoint");
    }
}

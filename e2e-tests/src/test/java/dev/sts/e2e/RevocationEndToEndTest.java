package dev.sts.e2e;

import dev.sts.deploy.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation, which AWS cannot do: a live session is refused at once by token-service, and by
 * policy-service as soon as the announcement reaches it; sessions issued afterwards are unaffected.
 * Times are printed, not asserted (timings belong to benchmarks); the bound is generous.
 */
class RevocationEndToEndTest {
    private static Platform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @Test
    void aRevokedSessionIsRefusedEverywhereAndTheRefusalIsAudited() throws Exception {
        // A role session: IAM never accepts GetSessionToken credentials obtained without MFA (CredentialTypeRules),
        // so only a credential IAM takes shows the revocation reaching policy-service.
        String role = "Revoked" + UUID.randomUUID().toString().substring(0, 6);
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\"}]}"));
        iam(DEV_ADMIN).attachRolePolicy(r -> r.roleName(role).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        AwsSessionCredentials session = Eventually.succeeds(() -> Clients.session(sts(DEV_ADMIN).assumeRole(r -> r
                .roleArn("arn:aws:iam::111111111111:role/" + role).roleSessionName("everywhere")).credentials()));
        assertThat(sts(session).getCallerIdentity().arn()).isEqualTo("arn:aws:sts::111111111111:assumed-role/" + role + "/everywhere");
        assertThat(iam(session).getRole(r -> r.roleName(role)).role().roleName()).isEqualTo(role);

        HttpResponse<String> revoked = revoke("{\"accessKeyId\":\"" + session.accessKeyId() + "\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        long revokedAt = System.nanoTime();

        String atSts = Eventually.refused(() -> sts(session).getCallerIdentity().arn());
        System.out.printf("[measured] token-service refused the revoked session %d ms after the revocation returned%n",
                Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
        String atIam = Eventually.refused(() -> iam(session).getRole(r -> r.roleName(role)).role().arn());
        System.out.printf("[measured] policy-service refused it %d ms after the revocation returned%n",
                Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
        assertThat(atSts).isEqualTo("InvalidClientTokenId");
        assertThat(atIam).isEqualTo("InvalidClientTokenId");

        // Refused before the caller was known: an event of no account, which the audit API serves to nobody.
        String refusal = AuditArchive.awaitEventWithoutAccount(platform.config().stateDir().resolve("audit-archive"),
                refusalRequestId(session), Duration.ofSeconds(30));
        assertThat(refusal).contains("has been revoked", session.accessKeyId());
    }

    @Test
    void revokingAPrincipalsSessionsLeavesLaterSessionsAndLongTermKeysWorking() throws Exception {
        AwsSessionCredentials before = Clients.session(sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900)).credentials());
        HttpResponse<String> revoked = revoke("{\"principalArn\":\"arn:aws:iam::111111111111:user/admin\",\"issuedBefore\":\""
                + Instant.now() + "\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(Eventually.refused(() -> sts(before).getCallerIdentity().arn())).isEqualTo("InvalidClientTokenId");

        AwsSessionCredentials after = Clients.session(sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900)).credentials());
        assertThat(sts(after).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:user/admin");
        assertThat(sts(DEV_ADMIN).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:user/admin");
    }

    @Test
    void theAdminApiRefusesStrangersAndNonsense() throws Exception {
        HttpResponse<String> stranger = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.config().stsManagementEndpoint() + "/admin/v1/revocations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"principalArn\":\"arn:aws:iam::111111111111:user/admin\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).isEqualTo(401);
        assertThat(revoke("{\"accessKeyId\":\"AKIADEVADMIN00000001\"}").statusCode()).isEqualTo(400);
        assertThat(revoke("{\"roleArn\":\"not an arn\"}").statusCode()).isEqualTo(400);
        assertThat(revoke("{\"principalArn\":\"arn:aws:iam::111111111111:user/x\",\"issuedBefore\":\"2999-01-01T00:00:00Z\"}")
                .statusCode()).isEqualTo(400);
    }

    private static String refusalRequestId(AwsSessionCredentials session) {
        try {
            sts(session).getCallerIdentity();
        } catch (SdkServiceException e) {
            return e.requestId();
        }
        throw new AssertionError("the revoked session still works");
    }

    private static HttpResponse<String> revoke(String json) throws Exception {
        return AdminApi.revoke(json);
    }


    private static StsClient sts(AwsCredentials credentials) {
        return Clients.sts(credentials);
    }

    private static IamClient iam(AwsCredentials credentials) {
        return Clients.iam(credentials);
    }
}

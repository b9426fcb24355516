package dev.sts.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

import java.util.UUID;

import static dev.sts.e2e.Clients.sts;
import static dev.sts.e2e.WebIdentity.ACCOUNT;
import static dev.sts.e2e.WebIdentity.anonymousSts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A real identity provider: Keycloak 26.7.3 ({@link KeycloakServer}), its realm's issuer registered with boto3, and a
 * client-credentials token from Keycloak's token endpoint exchanged for AWS credentials through
 * AssumeRoleWithWebIdentity, the role's trust policy conditioned on Keycloak's {@code aud} (the client id, from the
 * client's audience mapper) and {@code sub} (the id of the client's service-account user).
 */
class KeycloakWebIdentityEndToEndTest {
    private static KeycloakServer keycloak;
    private static String providerArn;
    private static String roleName;
    private static String roleArn;
    private static String subject;

    @BeforeAll
    static void registerKeycloak() throws Exception {
        keycloak = KeycloakServer.get();
        RunningPlatform.get();
        providerArn = WebIdentity.registerProvider(keycloak.issuer(), KeycloakServer.CLIENT_ID);
        // The service-account user's id: Keycloak's sub for every client-credentials token of this client.
        subject = KeycloakServer.subjectOf(keycloak.clientCredentialsToken(KeycloakServer.CLIENT_ID,
                KeycloakServer.CLIENT_SECRET));
        roleName = "KeycloakWorkload-" + UUID.randomUUID().toString().substring(0, 8);
        roleArn = WebIdentity.createRole(roleName, WebIdentity.trustPolicy(providerArn, KeycloakServer.CLIENT_ID, subject));
    }

    @Test
    void theRealmsIssuerIsTheProvider() {
        assertThat(providerArn).isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/"
                + keycloak.issuer().substring("http://".length()));
    }

    @Test
    void aClientCredentialsTokenFromKeycloakBecomesCredentialsThatWork() throws Exception {
        String token = keycloak.clientCredentialsToken(KeycloakServer.CLIENT_ID, KeycloakServer.CLIENT_SECRET);

        AssumeRoleWithWebIdentityResponse answer = Eventually.succeeds(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r
                .roleArn(roleArn).roleSessionName("keycloak").webIdentityToken(token)));

        assertThat(answer.subjectFromWebIdentityToken()).isEqualTo(subject);
        assertThat(answer.audience()).isEqualTo(KeycloakServer.CLIENT_ID);
        assertThat(answer.provider()).isEqualTo(providerArn);
        assertThat(sts(Clients.session(answer.credentials())).getCallerIdentity().arn())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleName + "/keycloak");
    }

    @Test
    void aTokenOfAnotherClientOfTheSameRealmIsRefused() throws Exception {
        String control = keycloak.clientCredentialsToken(KeycloakServer.CLIENT_ID, KeycloakServer.CLIENT_SECRET);
        String other = keycloak.clientCredentialsToken(KeycloakServer.OTHER_CLIENT_ID, KeycloakServer.OTHER_CLIENT_SECRET);
        Eventually.succeeds(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                .roleSessionName("control").webIdentityToken(control)));

        AwsServiceException refused = catchThrowableOfType(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r
                .roleArn(roleArn).roleSessionName("other").webIdentityToken(other)), AwsServiceException.class);

        // Its aud is other-workload, which is not a client id of the provider.
        assertThat(refused).isNotNull();
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
        WebIdentityEndToEndTest.assertAuditedWithoutTheToken(refused.requestId(), other, "InvalidIdentityToken");
    }
}

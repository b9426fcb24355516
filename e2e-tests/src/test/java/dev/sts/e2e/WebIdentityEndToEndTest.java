package dev.sts.e2e;

import dev.sts.deploy.Platform;
import dev.sts.testing.oidc.LocalOidcIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.sts.e2e.Clients.sts;
import static dev.sts.e2e.WebIdentity.ACCOUNT;
import static dev.sts.e2e.WebIdentity.anonymousSts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The proof of web identity federation: a local OpenID Connect issuer (discovery and JWKS over real HTTP, keys
 * generated here) registered through IAM with boto3, a role that trusts it on {@code HOST/PATH:aud} and
 * {@code HOST/PATH:sub}, and credentials that work for GetCallerIdentity through the AWS SDK for Java v2, through
 * boto3, and through botocore's own web identity credential provider configured only by a pod's environment.
 * Refusals each with a positive control made the same way; each refusal audited without the token (the refused
 * identity of a valid token as a WebIdentityUser); revoking the provider ends the sessions it gave.
 */
class WebIdentityEndToEndTest {
    private static final String CLIENT_ID = "payments-cluster";
    private static final String SUBJECT = "system:serviceaccount:payments:reports";
    private static final Duration AUDIT_PATIENCE = Duration.ofSeconds(30);

    private static LocalOidcIssuer issuer;
    private static String providerArn;
    private static String roleArn;
    private static String roleName;

    @BeforeAll
    static void registerIssuerAndRole() throws Exception {
        RunningPlatform.get();
        issuer = LocalOidcIssuer.start();
        providerArn = WebIdentity.registerProvider(issuer.issuer(), CLIENT_ID);
        roleName = "WebIdentityReports-" + UUID.randomUUID().toString().substring(0, 8);
        roleArn = WebIdentity.createRole(roleName, WebIdentity.trustPolicy(providerArn, CLIENT_ID, SUBJECT));
    }

    @AfterAll
    static void stopIssuer() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void theProviderIsNamedByItsIssuersHostAndPath() {
        assertThat(providerArn).isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + issuer.url());
    }

    @Test
    void sdkV2ExchangesTheTokenForCredentialsThatWorkForGetCallerIdentity() {
        String token = issuer.rs256(issuer.claims(CLIENT_ID, SUBJECT));

        AssumeRoleWithWebIdentityResponse answer = Eventually.succeeds(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r
                .roleArn(roleArn).roleSessionName("sdk-v2").webIdentityToken(token).durationSeconds(900)));

        assertThat(answer.subjectFromWebIdentityToken()).isEqualTo(SUBJECT);
        assertThat(answer.audience()).isEqualTo(CLIENT_ID);
        assertThat(answer.provider()).isEqualTo(providerArn);
        assertThat(answer.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleName + "/sdk-v2");
        assertThat(answer.credentials().accessKeyId()).startsWith("ASIA");
        String caller = sts(Clients.session(answer.credentials())).getCallerIdentity().arn();
        assertThat(caller).isEqualTo(answer.assumedRoleUser().arn());
    }

    @Test
    void boto3ExchangesTheTokenForCredentialsThatWorkForGetCallerIdentity() throws Exception {
        String token = issuer.es256(issuer.claims(CLIENT_ID, SUBJECT));
        Eventually.succeeds(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                .roleSessionName("warm-up").webIdentityToken(token)));

        String answer = WebIdentity.boto3Assume(roleArn, token, "boto3");

        assertThat(WebIdentity.field(answer, "callerArn")).as(answer)
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleName + "/boto3");
        assertThat(WebIdentity.field(answer, "subject")).isEqualTo(SUBJECT);
        assertThat(WebIdentity.field(answer, "audience")).isEqualTo(CLIENT_ID);
        assertThat(WebIdentity.field(answer, "provider")).isEqualTo(providerArn);
    }

    @Test
    void botocoresOwnProviderGetsCredentialsFromAPodsEnvironmentAlone() throws Exception {
        String token = issuer.rs256(issuer.claims(CLIENT_ID, SUBJECT));
        Eventually.succeeds(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                .roleSessionName("warm-up").webIdentityToken(token)));
        Path tokenFile = WebIdentity.tokenFile(token);
        try {
            ExternalCommand.Result pod = WebIdentity.podGetCallerIdentity(roleArn, tokenFile, "reports-pod");

            assertThat(pod.exitCode()).as(pod.output()).isZero();
            assertThat(WebIdentity.field(pod.output(), "arn"))
                    .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleName + "/reports-pod");
            assertThat(WebIdentity.field(pod.output(), "method")).isEqualTo("assume-role-with-web-identity");
        } finally {
            Files.deleteIfExists(tokenFile);
        }
    }

    @Test
    void aSubjectTheTrustPolicyDoesNotNameIsAccessDeniedAndAudited() throws Exception {
        String control = issuer.rs256(issuer.claims(CLIENT_ID, SUBJECT));
        String otherSubject = issuer.rs256(issuer.claims(CLIENT_ID, "system:serviceaccount:payments:intruder"));
        Eventually.succeeds(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                .roleSessionName("control").webIdentityToken(control)));

        AwsServiceException refused = refusal(otherSubject);

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertAuditedAsWebIdentityUserWithoutTheToken(refused.requestId(), otherSubject);
    }

    @Test
    void aTokenForAnotherAudienceIsAnInvalidIdentityTokenAndAudited() throws Exception {
        String control = issuer.rs256(issuer.claims(CLIENT_ID, SUBJECT));
        String wrongAudience = issuer.rs256(issuer.claims("some-other-client", SUBJECT));
        Eventually.succeeds(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(roleArn)
                .roleSessionName("control").webIdentityToken(control)));

        AwsServiceException refused = refusal(wrongAudience);

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertAuditedWithoutTheToken(refused.requestId(), wrongAudience, "InvalidIdentityToken");
    }

    /**
     * A Kubernetes service-account token: its {@code kubernetes.io} claims become the session's tags, and a later
     * decision uses them: a role that only sessions of namespace {@code payments} may assume
     * ({@code aws:PrincipalTag/kubernetes-namespace}). A pod of another namespace gets its web identity session but
     * not that role.
     */
    @Test
    void aKubernetesTokensNamespaceIsASessionTagThatPoliciesUse() throws Exception {
        LocalOidcIssuer cluster = LocalOidcIssuer.start();
        try {
            String clusterProvider = WebIdentity.registerProvider(cluster.issuer(), "sts.amazonaws.com");
            String hostPath = WebIdentity.hostPathOf(clusterProvider);
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            // Every namespace's pods may take this role; what they may do next depends on their namespace tag.
            String workloadRole = WebIdentity.createRole("Workloads-" + suffix, """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"Federated": "%s"},
                      "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
                      "Condition": {"StringEquals": {"%s:aud": "sts.amazonaws.com"},
                                    "StringLike": {"%s:sub": "system:serviceaccount:*:*"}}}]}
                    """.formatted(clusterProvider, hostPath, hostPath));
            Clients.iam(Clients.DEV_ADMIN).putRolePolicy(r -> r.roleName("Workloads-" + suffix).policyName("chain")
                    .policyDocument("""
                            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                              "Resource": "*"}]}
                            """));
            String paymentsRole = WebIdentity.createRole("PaymentsOnly-" + suffix, """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"AWS": "%s"}, "Action": "sts:AssumeRole",
                      "Condition": {"StringEquals": {"aws:PrincipalTag/kubernetes-namespace": "payments"}}}]}
                    """.formatted(ACCOUNT));

            AwsSessionCredentials payments = webIdentitySession(cluster, workloadRole, "payments", "reports");
            AwsSessionCredentials sandbox = webIdentitySession(cluster, workloadRole, "sandbox", "reports");

            String chained = Eventually.succeeds(() -> sts(payments).assumeRole(r -> r.roleArn(paymentsRole)
                    .roleSessionName("chained")).assumedRoleUser().arn());
            assertThat(chained).endsWith(":assumed-role/PaymentsOnly-" + suffix + "/chained");
            AwsServiceException refused = catchThrowableOfType(() -> sts(sandbox).assumeRole(r -> r.roleArn(paymentsRole)
                    .roleSessionName("chained")), AwsServiceException.class);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        } finally {
            cluster.close();
        }
    }

    /** Revoking the provider's ARN ends every session it gave; a session of another provider works on. */
    @Test
    void revokingTheProviderRefusesTheCredentialsItGave() throws Exception {
        LocalOidcIssuer revoked = LocalOidcIssuer.start();
        try {
            String revokedProvider = WebIdentity.registerProvider(revoked.issuer(), CLIENT_ID);
            String revokedRole = WebIdentity.createRole("Revoked-" + UUID.randomUUID().toString().substring(0, 8),
                    WebIdentity.trustPolicy(revokedProvider, CLIENT_ID, SUBJECT));
            String token = revoked.rs256(revoked.claims(CLIENT_ID, SUBJECT));
            AwsSessionCredentials session = Clients.session(Eventually.succeeds(() -> anonymousSts()
                    .assumeRoleWithWebIdentity(r -> r.roleArn(revokedRole).roleSessionName("doomed")
                            .webIdentityToken(token))).credentials());
            String control = issuer.rs256(issuer.claims(CLIENT_ID, SUBJECT));
            AwsSessionCredentials other = Clients.session(Eventually.succeeds(() -> anonymousSts()
                    .assumeRoleWithWebIdentity(r -> r.roleArn(roleArn).roleSessionName("kept")
                            .webIdentityToken(control))).credentials());
            assertThat(sts(session).getCallerIdentity().arn()).contains("/doomed");

            var answer = AdminApi.revoke("{\"principalArn\":\"" + revokedProvider + "\"}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

            assertThat(Eventually.refused(() -> sts(session).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
            assertThat(sts(other).getCallerIdentity().arn()).contains("/kept");
        } finally {
            revoked.close();
        }
    }

    private static AwsSessionCredentials webIdentitySession(LocalOidcIssuer cluster, String role, String namespace,
                                                            String serviceAccount) {
        Map<String, Object> claims = cluster.claims("sts.amazonaws.com",
                "system:serviceaccount:" + namespace + ":" + serviceAccount);
        claims.put("kubernetes.io", Map.of("namespace", namespace,
                "serviceaccount", Map.of("name", serviceAccount, "uid", UUID.randomUUID().toString()),
                "pod", Map.of("name", serviceAccount + "-7d9f8b6c5-x2x4q", "uid", UUID.randomUUID().toString())));
        String token = cluster.rs256(claims);
        return Clients.session(Eventually.succeeds(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r.roleArn(role)
                .roleSessionName(namespace).webIdentityToken(token))).credentials());
    }

    private static AwsServiceException refusal(String token) {
        AwsServiceException refused = catchThrowableOfType(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r
                .roleArn(roleArn).roleSessionName("refused").webIdentityToken(token)), AwsServiceException.class);
        assertThat(refused).as("AssumeRoleWithWebIdentity was not refused").isNotNull();
        return refused;
    }

    /**
     * The refusal's event in the archive (read as an operator does: the day files) names a WebIdentityUser (the
     * token was valid; its identity was refused), never the token.
     */
    static void assertAuditedAsWebIdentityUserWithoutTheToken(String requestId, String token) throws Exception {
        assertThat(assertAuditedWithoutTheToken(requestId, token, "AccessDenied"))
                .contains("\"type\":\"WebIdentityUser\"");
    }

    /**
     * The refusal's event: its action and error code, and nothing of the token. The caller's identity is not
     * asserted: a token that failed validation proves none (token-service records it as {@code Unknown}).
     */
    static String assertAuditedWithoutTheToken(String requestId, String token, String errorCode) throws Exception {
        Platform platform = RunningPlatform.get();
        String event = AuditArchive.awaitEventWithoutAccount(platform.config().stateDir().resolve("audit-archive"),
                requestId, AUDIT_PATIENCE);
        assertThat(event).contains("\"eventName\":\"AssumeRoleWithWebIdentity\"")
                .contains("\"errorCode\":\"" + errorCode + "\"")
                .doesNotContain(token)
                // Not even the signature alone, nor the payload.
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(token.split("\\.")[1]);
        return event;
    }
}

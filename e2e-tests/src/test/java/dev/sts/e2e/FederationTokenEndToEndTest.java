package dev.sts.e2e;

import dev.sts.deploy.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** GetFederationToken through the AWS SDK for Java v2: a federated user bounded by its session policy. */
class FederationTokenEndToEndTest {
    private static final String READ_REPORTS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}";
    private static Platform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @Test
    void aFederatedUserMayDoWhatItsSessionPolicyAndItsIssuerBothAllow() throws Exception {
        GetFederationTokenResponse issued = sts(DEV_ADMIN).getFederationToken(r -> r.name("contractor").policy(READ_REPORTS)
                .durationSeconds(3600));
        assertThat(issued.federatedUser().arn()).isEqualTo("arn:aws:sts::111111111111:federated-user/contractor");
        assertThat(issued.federatedUser().federatedUserId()).isEqualTo("111111111111:contractor");
        assertThat(issued.packedPolicySize()).isBetween(1, 100);
        assertThat(issued.credentials().expiration()).isCloseTo(Instant.now().plusSeconds(3600), within(30, ChronoUnit.SECONDS));
        AwsSessionCredentials session = AwsSessionCredentials.create(issued.credentials().accessKeyId(),
                issued.credentials().secretAccessKey(), issued.credentials().sessionToken());
        assertThat(sts(session).getCallerIdentity().arn()).isEqualTo(issued.federatedUser().arn());

        assertThat(AuthorizeApi.decision(session, "s3:GetObject", "arn:aws:s3:::reports/q4.csv")).isEqualTo("Allow");
        assertThat(AuthorizeApi.decision(session, "s3:PutObject", "arn:aws:s3:::reports/q4.csv")).isEqualTo("Deny");
    }

    @Test
    void withoutASessionPolicyAFederatedUserMayDoNothing() throws Exception {
        var issued = sts(DEV_ADMIN).getFederationToken(r -> r.name("no-policy")).credentials();
        assertThat(issued.expiration()).isCloseTo(Instant.now().plusSeconds(43_200), within(30, ChronoUnit.SECONDS));
        AwsSessionCredentials session = AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(),
                issued.sessionToken());
        assertThat(AuthorizeApi.decision(session, "s3:GetObject", "arn:aws:s3:::reports/q4.csv")).isEqualTo("Deny");
    }

    @Test
    void refusedForSessionsAndOutOfRangeParameters() {
        var session = sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900)).credentials();
        assertError(() -> sts(AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
                session.sessionToken())).getFederationToken(r -> r.name("again")), "AccessDenied");
        assertError(() -> sts(DEV_ADMIN).getFederationToken(r -> r.name("x")), "ValidationError");
        assertError(() -> sts(DEV_ADMIN).getFederationToken(r -> r.name("long-one").durationSeconds(129_601)), "ValidationError");
        assertError(() -> sts(DEV_ADMIN).getFederationToken(r -> r.name("bad-policy").policy("{\"Version\":")),
                "MalformedPolicyDocument");
    }

    @Test
    void sessionTagsAreJudgedAsRequestTagsAndNeedTagSession() {
        // A user who may federate, and tag the session, only with the tag key "team".
        String name = "fed" + UUID.randomUUID().toString().substring(0, 8);
        IamClient admin = Clients.iam(DEV_ADMIN);
        admin.createUser(r -> r.userName(name));
        admin.putUserPolicy(r -> r.userName(name).policyName("federate").policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"*"},
                 {"Effect":"Allow","Action":"sts:TagSession","Resource":"*",
                  "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}]}"""));
        AccessKey key = admin.createAccessKey(r -> r.userName(name)).accessKey();
        StsClient sts = sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));

        // Positive controls: without tags, and with the allowed key.
        assertThat(Eventually.succeeds(() -> sts.getFederationToken(r -> r.name("plain"))).federatedUser().arn())
                .endsWith("federated-user/plain");
        assertThat(sts.getFederationToken(r -> r.name("team").tags(t -> t.key("team").value("blue")))
                .federatedUser().arn()).endsWith("federated-user/team");
        assertError(() -> sts.getFederationToken(r -> r.name("admin").tags(t -> t.key("access").value("admin"))),
                "AccessDenied");
    }

    private static void assertError(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }

    private static StsClient sts(AwsCredentials credentials) {
        return Clients.sts(credentials);
    }
}

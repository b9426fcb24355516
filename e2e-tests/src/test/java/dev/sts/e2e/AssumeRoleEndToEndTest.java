package dev.sts.e2e;

import dev.sts.core.mfa.Totp;
import dev.sts.deploy.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static dev.sts.e2e.Clients.PROD_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** AssumeRole as users meet it, through the AWS SDK for Java v2, against the whole platform. */
class AssumeRoleEndToEndTest {
    private static Platform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @Test
    void crossAccountWalkthrough() throws Exception {
        String role = unique("CrossAccountReader");
        iam(PROD_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust("\"AWS\":\"111111111111\"", "")));
        iam(PROD_ADMIN).attachRolePolicy(r -> r.roleName(role).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        String roleArn = "arn:aws:iam::222222222222:role/" + role;

        AwsBasicCredentials allowed = userWithPolicy("deployer", allowAssume(roleArn));
        AwsBasicCredentials notAllowed = userWithPolicy("bystander", null);

        AssumeRoleResponse assumed = sts(allowed).assumeRole(r -> r.roleArn(roleArn).roleSessionName("deploy-42"));
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/" + role + "/deploy-42");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:deploy-42");
        assertThat(assumed.credentials().expiration()).isCloseTo(Instant.now().plusSeconds(3600), within(30, ChronoUnit.SECONDS));
        assertThat(sts(Clients.session(assumed.credentials())).getCallerIdentity().arn()).isEqualTo(assumed.assumedRoleUser().arn());
        assertThat(sts(Clients.session(assumed.credentials())).getCallerIdentity().account()).isEqualTo("222222222222");

        // Cross-account needs both sides: the trust policy alone is not enough.
        assertDenied(() -> sts(notAllowed).assumeRole(r -> r.roleArn(roleArn).roleSessionName("nope")));
        // A role that does not exist reads exactly like one that does not trust the caller.
        assertDenied(() -> sts(allowed).assumeRole(r -> r.roleArn(roleArn + "Missing").roleSessionName("nope")));

        // The session may do what the role may do, and nothing else, wherever a resource service asks.
        assertThat(AuthorizeApi.decision(Clients.session(assumed.credentials()), "s3:GetObject", "arn:aws:s3:::reports/q4.csv")).isEqualTo("Allow");
        assertThat(AuthorizeApi.decision(Clients.session(assumed.credentials()), "s3:PutObject", "arn:aws:s3:::reports/q4.csv")).isEqualTo("Deny");
    }

    @Test
    void externalIdGuardsAThirdPartyRole() {
        String role = unique("VendorAccess");
        iam(PROD_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust("\"AWS\":\"111111111111\"",
                ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"vendor-7f3a\"}}")));
        String roleArn = "arn:aws:iam::222222222222:role/" + role;
        AwsBasicCredentials vendor = userWithPolicy("vendor", allowAssume(roleArn));
        assertDenied(() -> sts(vendor).assumeRole(r -> r.roleArn(roleArn).roleSessionName("vendor-session")));
        assertDenied(() -> sts(vendor).assumeRole(r -> r.roleArn(roleArn).roleSessionName("vendor-session").externalId("vendor-0000")));
        assertThat(sts(vendor).assumeRole(r -> r.roleArn(roleArn).roleSessionName("vendor-session").externalId("vendor-7f3a"))
                .credentials().accessKeyId()).startsWith("ASIA");
    }

    @Test
    void longSessionsNeedARaisedMaxSessionDurationAndChainingIsCappedAtOneHour() {
        String role = unique("LongRunner");
        String next = unique("Next");
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust("\"AWS\":\"111111111111\"", "")));
        iam(DEV_ADMIN).putRolePolicy(r -> r.roleName(role).policyName("MayChain").policyDocument(
                allowAssume("arn:aws:iam::111111111111:role/" + next)));
        iam(DEV_ADMIN).createRole(r -> r.roleName(next).assumeRolePolicyDocument(
                trust("\"AWS\":\"arn:aws:iam::111111111111:role/" + role + "\"", "")));
        String roleArn = "arn:aws:iam::111111111111:role/" + role;

        assertValidation(() -> sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn).roleSessionName("long-run").durationSeconds(14_400)));
        iam(DEV_ADMIN).updateRole(r -> r.roleName(role).maxSessionDuration(14_400));
        // IAM changes reach token-service through iam.changes.v1 within moments; like AWS's own eventual
        // consistency, a caller retries briefly rather than expecting the change at the same instant.
        Credentials fourHours = Eventually.succeeds(() -> sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("long-run").durationSeconds(14_400)).credentials());
        assertThat(fourHours.expiration()).isCloseTo(Instant.now().plusSeconds(14_400), within(30, ChronoUnit.SECONDS));

        String nextArn = "arn:aws:iam::111111111111:role/" + next;
        assertValidation(() -> sts(Clients.session(fourHours)).assumeRole(r -> r.roleArn(nextArn).roleSessionName("chained").durationSeconds(3_601)));
        Credentials chained = sts(Clients.session(fourHours)).assumeRole(r -> r.roleArn(nextArn).roleSessionName("chained").durationSeconds(3_600))
                .credentials();
        assertThat(sts(Clients.session(chained)).getCallerIdentity().arn()).isEqualTo("arn:aws:sts::111111111111:assumed-role/" + next + "/chained");
    }

    @Test
    void everyBrokenConstraintComesBackInOneValidationError() {
        // The SDK for Java v2 sends what it is given (no client-side checks): the service reports both mistakes.
        assertThatThrownBy(() -> sts(DEV_ADMIN).assumeRole(r -> r.roleArn("arn:aws:iam::111111111111:role/Any")
                .roleSessionName("a").durationSeconds(60)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: "
                            + "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length "
                            + "greater than or equal to 2; Value '60' at 'durationSeconds' failed to satisfy constraint: "
                            + "Member must have value greater than or equal to 900");
                });
    }

    @Test
    void anMfaGatedRoleTakesEachCodeOnce() throws Exception {
        String role = unique("BreakGlass");
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust("\"AWS\":\"111111111111\"",
                ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}")));
        String roleArn = "arn:aws:iam::111111111111:role/" + role;
        String userName = unique("oncall");
        iam(DEV_ADMIN).createUser(r -> r.userName(userName));
        iam(DEV_ADMIN).putUserPolicy(r -> r.userName(userName).policyName("Assume").policyDocument(allowAssume(roleArn)));
        AccessKey key = iam(DEV_ADMIN).createAccessKey(r -> r.userName(userName)).accessKey();
        AwsBasicCredentials oncall = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        VirtualMFADevice device = iam(DEV_ADMIN).createVirtualMFADevice(r -> r.virtualMFADeviceName(userName)).virtualMFADevice();
        // The wire carries the seed base64-encoded; the SDK hands back the base32 text itself.
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
        Totp totp = new Totp();
        long step = Totp.stepOf(Instant.now());
        iam(DEV_ADMIN).enableMFADevice(r -> r.userName(userName).serialNumber(device.serialNumber())
                .authenticationCode1(totp.codeAtStep(seed, step - 1)).authenticationCode2(totp.codeAtStep(seed, step)));

        assertDenied(() -> sts(oncall).assumeRole(r -> r.roleArn(roleArn).roleSessionName("incident")));
        String code = totp.codeAt(seed, Instant.now());
        assertThat(sts(oncall).assumeRole(r -> r.roleArn(roleArn).roleSessionName("incident")
                .serialNumber(device.serialNumber()).tokenCode(code)).assumedRoleUser().arn()).endsWith("/incident");
        assertDenied(() -> sts(oncall).assumeRole(r -> r.roleArn(roleArn).roleSessionName("replay")
                .serialNumber(device.serialNumber()).tokenCode(code)));
    }

    @Test
    void revokingARolesSessionsRefusesThemAtOnce() throws Exception {
        String role = unique("Revocable");
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust("\"AWS\":\"111111111111\"", "")));
        String roleArn = "arn:aws:iam::111111111111:role/" + role;
        AwsSessionCredentials live = Clients.session(sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn).roleSessionName("live")).credentials());
        assertThat(sts(live).getCallerIdentity().arn()).endsWith("/live");
        HttpResponse<String> revoked = AdminApi.revoke("{\"roleArn\":\"" + roleArn + "\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThatThrownBy(() -> sts(live).getCallerIdentity()).isInstanceOfSatisfying(StsException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
    }

    @Test
    void awsRevokeOlderSessionsDeniesSessionsIssuedBeforeItsDate() throws Exception {
        String role = unique("Console");
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust("\"AWS\":\"111111111111\"", "")));
        iam(DEV_ADMIN).attachRolePolicy(r -> r.roleName(role).policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
        String roleArn = "arn:aws:iam::111111111111:role/" + role;
        AwsSessionCredentials older = Eventually.succeeds(() -> Clients.session(sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("older")).credentials()));
        assertThat(AuthorizeApi.decision(older, "s3:GetObject", "arn:aws:s3:::reports/q4.csv")).isEqualTo("Allow");

        // What the console's "Revoke active sessions" writes: deny everything to sessions issued before now.
        Instant cutOff = Instant.now();
        iam(DEV_ADMIN).putRolePolicy(r -> r.roleName(role).policyName("AWSRevokeOlderSessions").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],\"Resource\":[\"*\"],"
                        + "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + cutOff + "\"}}}]}"));
        assertThat(AuthorizeApi.decision(older, "s3:GetObject", "arn:aws:s3:::reports/q4.csv")).isEqualTo("Deny");

        AwsSessionCredentials newer = Clients.session(sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn).roleSessionName("newer"))
                .credentials());
        assertThat(AuthorizeApi.decision(newer, "s3:GetObject", "arn:aws:s3:::reports/q4.csv")).isEqualTo("Allow");
    }

    @Test
    void theAuditEventNamesRoleSessionSourceIdentityAndTagsButNeverTheSecret() throws Exception {
        String role = unique("Audited");
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"]}]}"));
        String roleArn = "arn:aws:iam::111111111111:role/" + role;
        AssumeRoleResponse assumed = Eventually.succeeds(() -> sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("audited-session").sourceIdentity("alice")
                .tags(software.amazon.awssdk.services.sts.model.Tag.builder().key("team").value("payments").build())));
        assertThat(assumed.sourceIdentity()).isEqualTo("alice");
        String event = AuditArchive.awaitEvent(platform.config().auditEndpoint(), assumed.responseMetadata().requestId(),
                java.time.Duration.ofSeconds(30));
        assertThat(event).contains("\"eventName\":\"AssumeRole\"", roleArn, "audited-session", "\"sourceIdentity\":\"alice\"",
                "payments", assumed.credentials().accessKeyId(), assumed.assumedRoleUser().arn());
        assertThat(event).doesNotContain(assumed.credentials().secretAccessKey(), assumed.credentials().sessionToken());
    }

    private static AwsBasicCredentials userWithPolicy(String prefix, String policy) {
        String name = unique(prefix);
        iam(DEV_ADMIN).createUser(r -> r.userName(name));
        if (policy != null) {
            iam(DEV_ADMIN).putUserPolicy(r -> r.userName(name).policyName("Assume").policyDocument(policy));
        }
        AccessKey key = iam(DEV_ADMIN).createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    private static String trust(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{" + principal + "},"
                + "\"Action\":\"sts:AssumeRole\"" + condition + "}]}";
    }

    private static String allowAssume(String roleArn) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                + "\"Resource\":\"" + roleArn + "\"}]}";
    }

    private static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.statusCode()).isEqualTo(403);
        });
    }

    private static void assertValidation(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }


    private static StsClient sts(AwsCredentials credentials) {
        return Clients.sts(credentials);
    }

    private static IamClient iam(AwsCredentials credentials) {
        return Clients.iam(credentials);
    }
}

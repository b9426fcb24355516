package dev.sts.e2e;

import dev.sts.deploy.DevelopmentAccounts;
import dev.sts.deploy.Platform;
import dev.sts.deploy.StsCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./sts revoke}, through the launcher's own command (what the script runs), against the whole platform:
 * the revoked session is refused by the real SDK, and nothing else is.
 */
class RevokeCommandEndToEndTest {
    private static Platform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @Test
    void revokeSessionRefusesThatSessionAndNoOther() throws Exception {
        AwsSessionCredentials revoked = Clients.session(sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900)).credentials());
        AwsSessionCredentials kept = Clients.session(sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900)).credentials());

        Run run = sts("revoke", "session", revoked.accessKeyId());
        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.printed()).contains(revoked.accessKeyId());

        assertThat(Eventually.refused(() -> sts(revoked).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
        assertThat(sts(kept).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:user/admin");
    }

    @Test
    void revokeRoleRefusesItsSessionsIssuedBeforeAndLaterOnesWork() throws Exception {
        String role = "Revocable" + UUID.randomUUID().toString().substring(0, 6);
        String roleArn = "arn:aws:iam::111111111111:role/" + role;
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\"}]}"));
        AwsSessionCredentials before = Clients.session(Eventually.succeeds(() -> sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("before")).credentials()));

        Run run = sts("revoke", "role", roleArn);
        assertThat(run.exitCode()).as(run.printed()).isZero();

        assertThat(Eventually.refused(() -> sts(before).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
        AwsSessionCredentials after = Clients.session(sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn).roleSessionName("after"))
                .credentials());
        assertThat(sts(after).getCallerIdentity().arn()).endsWith(":assumed-role/" + role + "/after");
    }

    @Test
    void revokeSessionReachesSessionsChainedFromItButNotASiblingOfTheSameRole() throws Exception {
        String roleArn = chainableRole("Chained");
        AwsSessionCredentials s1 = assume(DEV_ADMIN, roleArn, "s1");
        AwsSessionCredentials s2 = assume(s1, roleArn, "s2");
        AwsSessionCredentials s3 = assume(s2, roleArn, "s3");
        AwsSessionCredentials sibling = assume(assume(DEV_ADMIN, roleArn, "sibling"), roleArn, "sibling-child");

        Run run = sts("revoke", "session", s1.accessKeyId());
        assertThat(run.exitCode()).as(run.printed()).isZero();
        assertThat(run.printed()).contains("every session derived from it");

        assertThat(Eventually.refused(() -> sts(s3).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
        assertThat(Eventually.refused(() -> sts(s2).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
        assertThat(Eventually.refused(() -> sts(s2).assumeRole(r -> r.roleArn(roleArn).roleSessionName("s4"))))
                .isEqualTo("InvalidClientTokenId");
        assertThat(sts(sibling).getCallerIdentity().arn()).endsWith("/sibling-child");
    }

    @Test
    void revokePrincipalReachesTheRoleSessionsAndChainsItStartedAndNotLaterOnes() throws Exception {
        String userName = "revoked-" + UUID.randomUUID().toString().substring(0, 8);
        IamClient admin = iam(DEV_ADMIN);
        admin.createUser(r -> r.userName(userName));
        admin.putUserPolicy(r -> r.userName(userName).policyName("assume").policyDocument(MAY_ASSUME));
        var key = admin.createAccessKey(r -> r.userName(userName)).accessKey();
        AwsCredentials user = software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(key.accessKeyId(),
                key.secretAccessKey());
        String roleArn = chainableRole("Principal");
        AwsSessionCredentials chained = assume(assume(user, roleArn, "direct"), roleArn, "chained");

        Run run = sts("revoke", "principal", "arn:aws:iam::111111111111:user/" + userName);
        assertThat(run.exitCode()).as(run.printed()).isZero();

        assertThat(Eventually.refused(() -> sts(chained).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
        AwsSessionCredentials later = assume(assume(user, roleArn, "later"), roleArn, "later-chained");
        assertThat(sts(later).getCallerIdentity().arn()).endsWith("/later-chained");
    }

    private static final String MAY_ASSUME = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";

    /** A role the account trusts whose sessions may assume it again (role chaining). */
    private static String chainableRole(String prefix) {
        String role = prefix + UUID.randomUUID().toString().substring(0, 6);
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\"}]}"));
        iam(DEV_ADMIN).putRolePolicy(r -> r.roleName(role).policyName("chain").policyDocument(MAY_ASSUME));
        return "arn:aws:iam::111111111111:role/" + role;
    }

    private static AwsSessionCredentials assume(AwsCredentials caller, String roleArn, String sessionName) {
        return Clients.session(Eventually.succeeds(() -> sts(caller).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName(sessionName).durationSeconds(900)).credentials()));
    }

    @Test
    void misuseIsAUsageErrorAndARefusedRevocationFails() throws Exception {
        assertThat(sts("revoke").exitCode()).isEqualTo(2);
        Run unknownKind = sts("revoke", "everything", "now");
        assertThat(unknownKind.exitCode()).isEqualTo(2);
        assertThat(unknownKind.printed()).contains("Usage: ./sts revoke session");
        // A long-term key is not a session: the admin API refuses it, and the command says so and fails.
        Run longTerm = sts("revoke", "session", DevelopmentAccounts.DEV_ADMIN.accessKeyId());
        assertThat(longTerm.exitCode()).isEqualTo(1);
        assertThat(longTerm.printed()).contains("ASIA");
        assertThat(sts(DEV_ADMIN).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:user/admin");
    }

    private record Run(int exitCode, String printed) {
    }

    private static Run sts(String... args) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode = new StsCommand(platform, new PrintStream(printed, true, StandardCharsets.UTF_8)).run(args);
        return new Run(exitCode, printed.toString(StandardCharsets.UTF_8));
    }


    private static StsClient sts(AwsCredentials credentials) {
        return Clients.sts(credentials);
    }

    private static IamClient iam(AwsCredentials credentials) {
        return Clients.iam(credentials);
    }
}

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

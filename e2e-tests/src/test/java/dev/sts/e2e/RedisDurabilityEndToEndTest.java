package dev.sts.e2e;

import dev.sts.core.mfa.Totp;
import dev.sts.deploy.Platform;
import dev.sts.deploy.RedisUsers;
import dev.sts.testing.RedisProbe;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing Redis acknowledged is lost when Redis dies: IAM state and a revocation, all made through the real APIs,
 * are there after {@code kill -9} of Redis straight after the last answer, a restart of Redis on the same
 * directory, and a restart of the services (so nothing is served from their memory). Redis runs as
 * {@code ./sts up} runs it: an append-only file fsynced before every reply.
 */
class RedisDurabilityEndToEndTest {
    private static final Totp TOTP = new Totp();
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String READ_ROLES = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:GetRole\",\"Resource\":\"*\"}]}";

    @Test
    void iamStateAndRevocationsSurviveKillDashNineOfRedis() throws Exception {
        Platform platform = RunningPlatform.get();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String userName = "durable-user-" + suffix;
        String roleName = "DurableRole" + suffix;
        String policyName = "DurablePolicy" + suffix;
        String mfaName = "durable-mfa-" + suffix;
        IamClient admin = Clients.iam(DEV_ADMIN);

        admin.createUser(r -> r.userName(userName));
        AccessKey key = admin.createAccessKey(r -> r.userName(userName)).accessKey();
        String policyArn = admin.createPolicy(r -> r.policyName(policyName).policyDocument(READ_ROLES)).policy().arn();
        admin.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(TRUST));
        admin.putRolePolicy(r -> r.roleName(roleName).policyName("inline").policyDocument(READ_ROLES));
        admin.attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn));
        VirtualMFADevice device = admin.createVirtualMFADevice(r -> r.virtualMFADeviceName(mfaName)).virtualMFADevice();
        String mfaSerial = device.serialNumber();
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
        long enabledAtStep = Totp.stepOf(Instant.now());
        admin.enableMFADevice(r -> r.userName(userName).serialNumber(mfaSerial)
                .authenticationCode1(TOTP.codeAtStep(seed, enabledAtStep - 1)).authenticationCode2(TOTP.codeAtStep(seed, enabledAtStep)));
        AwsSessionCredentials revokedSession = assumeRole(roleName, "revoked");
        AwsSessionCredentials keptSession = assumeRole(roleName, "kept");
        HttpResponse<String> revoked = revoke(platform, revokedSession.accessKeyId());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

        // The moment after the last answer: no shutdown, no final fsync.
        platform.killRedis();
        platform.restartRedis();
        for (String service : Platform.SERVICES) {
            platform.restart(service);
        }

        // The revocation, read raw from Redis (the revocation topic alone would re-announce it to the services).
        String revocationKey = "sts:revocation:v2:session:" + revokedSession.accessKeyId();
        assertThat(RedisProbe.of(platform.config()).get(revocationKey)).contains(revokedSession.accessKeyId());
        assertThat(RedisProbe.of(platform.config()).get("sts:revocation:v2:session:" + keptSession.accessKeyId()))
                .as("control: no revocation was stored for the session that was not revoked").isNull();

        // Every IAM record, through the IAM API.
        assertThat(admin.getUser(r -> r.userName(userName)).user().userName()).isEqualTo(userName);
        assertThat(admin.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata())
                .extracting(AccessKeyMetadata::accessKeyId).containsExactly(key.accessKeyId());
        assertThat(admin.getPolicy(r -> r.policyArn(policyArn)).policy().policyName()).isEqualTo(policyName);
        assertThat(admin.getRole(r -> r.roleName(roleName)).role().roleName()).isEqualTo(roleName);
        assertThat(URLDecoder.decode(admin.getRolePolicy(r -> r.roleName(roleName).policyName("inline")).policyDocument(),
                StandardCharsets.UTF_8)).contains("iam:GetRole");
        assertThat(admin.listAttachedRolePolicies(r -> r.roleName(roleName)).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(policyArn);
        assertThat(admin.listMFADevices(r -> r.userName(userName)).mfaDevices())
                .extracting(MFADevice::serialNumber).containsExactly(mfaSerial);

        // The access key's secret survived too: the key still signs.
        AwsCredentials userKey = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        assertThat(Clients.sts(userKey).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:user/" + userName);
        // And so did the MFA device's seed: a fresh code from it is accepted (a code of a later step than the
        // ones EnableMFADevice spent).
        while (Totp.stepOf(Instant.now()) <= enabledAtStep) {
            Thread.sleep(500);
        }
        assertThat(Clients.sts(userKey).getSessionToken(r -> r.serialNumber(mfaSerial)
                .tokenCode(TOTP.codeAt(seed, Instant.now()))).credentials().accessKeyId()).startsWith("ASIA");

        // The revoked session stays refused; the control, issued the same way, still works.
        assertThat(Eventually.refused(() -> sts(revokedSession).getCallerIdentity().arn())).isEqualTo("InvalidClientTokenId");
        assertThat(sts(keptSession).getCallerIdentity().arn())
                .isEqualTo("arn:aws:sts::111111111111:assumed-role/" + roleName + "/kept");
        // And the role still grants what its policies say, through the restarted services.
        assertThat(Clients.iam(keptSession).getRole(r -> r.roleName(roleName)).role().roleName()).isEqualTo(roleName);

        assertNoRedisPasswordInLogs(platform);
    }

    /** After the services lost Redis, reconnected and restarted: their logs (and Redis's) never show a Redis password. */
    private static void assertNoRedisPasswordInLogs(Platform platform) throws Exception {
        for (String service : Platform.SERVICES) {
            // Control: the services did log (so an empty log cannot pass).
            assertThat(Files.readString(platform.logFile(service))).isNotBlank();
        }
        for (RedisUsers.User user : RedisUsers.ALL) {
            String password = platform.secrets().redisPassword(user);
            for (String component : new String[] {"policy-service", "token-service", "audit-service", Platform.REDIS}) {
                assertThat(Files.readString(platform.logFile(component))).as(component + "'s log").doesNotContain(password);
            }
        }
    }

    private static AwsSessionCredentials assumeRole(String roleName, String sessionName) {
        return Eventually.succeeds(() -> Clients.session(sts(DEV_ADMIN).assumeRole(r -> r
                .roleArn("arn:aws:iam::111111111111:role/" + roleName).roleSessionName(sessionName)).credentials()));
    }

    private static HttpResponse<String> revoke(Platform platform, String accessKeyId) throws Exception {
        return AdminApi.revoke(platform, "{\"accessKeyId\":\"" + accessKeyId + "\"}");
    }

    private static StsClient sts(AwsCredentials credentials) {
        return Clients.sts(credentials);
    }
}

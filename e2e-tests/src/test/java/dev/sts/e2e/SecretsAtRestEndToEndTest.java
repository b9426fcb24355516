package dev.sts.e2e;

import dev.sts.core.crypto.SecretSealer;
import dev.sts.deploy.Platform;
import dev.sts.deploy.StsCommand;
import dev.sts.testing.RedisProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static dev.sts.e2e.Clients.iam;
import static dev.sts.e2e.Clients.sts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access-key secrets and MFA seeds created through the real IAM API are nowhere in Redis read raw; they open
 * with the platform's key-encryption key; and a KEK rotation ({@code ./sts rotate-kek}: new key first, restart,
 * rewrap, old key dropped, restart) leaves every key signing.
 */
class SecretsAtRestEndToEndTest {
    private static Platform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @Test
    void aRawDumpOfRedisHoldsNeitherTheSecretKeyNorTheSeedButTheKekOpensThem() {
        String user = "atrest-" + UUID.randomUUID().toString().substring(0, 8);
        iam(DEV_ADMIN).createUser(r -> r.userName(user));
        AccessKey key = iam(DEV_ADMIN).createAccessKey(r -> r.userName(user)).accessKey();
        VirtualMFADevice device = iam(DEV_ADMIN).createVirtualMFADevice(r -> r.virtualMFADeviceName(user)).virtualMFADevice();
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);

        Map<String, String> dump = RedisDump.of(RedisProbe.of(platform.config()));
        String everything = String.join("\n", dump.keySet()) + "\n" + String.join("\n", dump.values());

        // Positive control: the same raw read finds the records, by the access key id and the serial number.
        assertThat(everything).contains(key.accessKeyId()).contains(device.serialNumber());
        for (String secret : new String[]{key.secretAccessKey(), seed}) {
            assertThat(everything).doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        // The KEK opens what Redis holds, bound to its record.
        SecretSealer kek = SecretSealer.parse(platform.secrets().kek());
        String keyRecord = "iam:access-key:" + key.accessKeyId();
        String mfaRecord = "iam:mfa:" + device.serialNumber();
        assertThat(kek.open(field(dump.get(keyRecord), "secretAccessKey"), keyRecord + "#secretAccessKey"))
                .contains(key.secretAccessKey());
        assertThat(kek.open(field(dump.get(mfaRecord), "base32Seed"), mfaRecord + "#base32Seed")).contains(seed);
        // And the key works: the secret is usable by its owner, only not readable at rest.
        assertThat(Eventually.succeeds(() -> sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))
                .getCallerIdentity()).arn()).endsWith(":user/" + user);
    }

    @Test
    void aKekRotationRewrapsEverySecretDropsTheOldKeyAndKeysStillSign() throws Exception {
        String user = "rotate-" + UUID.randomUUID().toString().substring(0, 8);
        iam(DEV_ADMIN).createUser(r -> r.userName(user));
        AccessKey key = iam(DEV_ADMIN).createAccessKey(r -> r.userName(user)).accessKey();
        AwsBasicCredentials credentials = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        Eventually.succeeds(() -> sts(credentials).getCallerIdentity());
        String oldRing = platform.secrets().kek();
        String oldKeyId = oldRing.substring(0, oldRing.indexOf(':'));
        RedisProbe redis = RedisProbe.of(platform.config());
        assertThat(redis.get("iam:access-key:" + key.accessKeyId())).contains("\"v1:" + oldKeyId + ":");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode = new StsCommand(platform, new PrintStream(printed, true, StandardCharsets.UTF_8)).run(new String[]{"rotate-kek"});

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(output).isZero();
        String newRing = platform.secrets().kek();
        String newKeyId = newRing.substring(0, newRing.indexOf(':'));
        assertThat(newKeyId).isNotEqualTo(oldKeyId);
        assertThat(newRing).doesNotContain(",").doesNotContain(oldRing.substring(oldRing.indexOf(':') + 1));
        assertThat(output).contains("\"unreadable\":0").doesNotContain(newRing.substring(newRing.indexOf(':') + 1))
                .doesNotContain(key.secretAccessKey());
        // Every sealed field in Redis is now under the new key, none under the old one.
        Map<String, String> dump = RedisDump.of(redis);
        String records = String.join("\n", dump.values());
        assertThat(records).contains("\"v1:" + newKeyId + ":").doesNotContain("\"v1:" + oldKeyId + ":")
                .doesNotContain(key.secretAccessKey());
        // Only the new key is left, and the key signs: policy-service opened its secret with it.
        assertThat(Eventually.succeeds(() -> sts(credentials).getCallerIdentity()).arn()).endsWith(":user/" + user);
        assertThat(sts(DEV_ADMIN).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:user/admin");
        // And the old key alone opens nothing any more.
        String record = "iam:access-key:" + key.accessKeyId();
        assertThat(SecretSealer.parse(oldRing).open(field(dump.get(record), "secretAccessKey"), record + "#secretAccessKey")).isEmpty();
        assertThat(SecretSealer.parse(newRing).open(field(dump.get(record), "secretAccessKey"), record + "#secretAccessKey"))
                .contains(key.secretAccessKey()); // positive control
    }

    /** One string field of a record as {@link RedisDump} shows it ({@code string {"…":"…"}}). */
    private static String field(String dumped, String name) {
        String marker = "\"" + name + "\":\"";
        int start = dumped.indexOf(marker) + marker.length();
        return dumped.substring(start, dumped.indexOf('"', start));
    }
}

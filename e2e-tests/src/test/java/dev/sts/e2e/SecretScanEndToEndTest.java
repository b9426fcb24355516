package dev.sts.e2e;

import dev.sts.core.mfa.Totp;
import dev.sts.deploy.DevelopmentAccounts;
import dev.sts.deploy.KafkaAccessPolicy;
import dev.sts.deploy.Platform;
import dev.sts.deploy.StsCommand;
import dev.sts.testing.RedisProbe;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static dev.sts.e2e.Clients.iam;
import static dev.sts.e2e.Clients.sts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * No secret anywhere it should not be. A representative session on the real platform (an IAM user, an access key,
 * a virtual MFA device, MFA-gated GetSessionToken and AssumeRole, session tokens, a revocation, authorize API calls,
 * refused calls), then every secret the run created or the platform holds (secret access keys, session tokens and
 * secret keys, TOTP seeds, the key-encryption key, the session-token keys, every generated platform secret) is looked
 * for in every service log, the audit archive, every record of every Kafka topic and a raw dump of Redis, as it is
 * and in the encodings it could plausibly take there (base64, URL encoding, JSON escaping). None may appear; the
 * same scan does find what it should (the access key id, the serial number), so it cannot pass by reading nothing.
 */
class SecretScanEndToEndTest {
    private static final Totp TOTP = new Totp();

    @Test
    void noSecretTheRunCreatedOrThePlatformHoldsAppearsInLogsAuditKafkaOrRedis() throws Exception {
        Platform platform = RunningPlatform.get();
        Map<String, String> secrets = new LinkedHashMap<>();

        // ---- the run: a user with a key and an MFA device, leave to read one bucket and to assume an MFA-gated role
        String name = "scan-" + UUID.randomUUID().toString().substring(0, 8);
        String roleArn = "arn:aws:iam::111111111111:role/" + name;
        iam(DEV_ADMIN).createRole(r -> r.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\","
                + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}"));
        iam(DEV_ADMIN).putRolePolicy(r -> r.roleName(name).policyName("read").policyDocument(readBucket(name)));
        iam(DEV_ADMIN).createUser(r -> r.userName(name));
        iam(DEV_ADMIN).putUserPolicy(r -> r.userName(name).policyName("assume").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\""
                        + roleArn + "\"}]}"));
        AccessKey key = iam(DEV_ADMIN).createAccessKey(r -> r.userName(name)).accessKey();
        secrets.put("secret access key", key.secretAccessKey());
        AccessKey spare = iam(DEV_ADMIN).createAccessKey(r -> r.userName(name)).accessKey();
        secrets.put("second secret access key", spare.secretAccessKey());
        iam(DEV_ADMIN).updateAccessKey(r -> r.userName(name).accessKeyId(spare.accessKeyId()).status("Inactive"));
        VirtualMFADevice device = iam(DEV_ADMIN).createVirtualMFADevice(r -> r.virtualMFADeviceName(name)).virtualMFADevice();
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
        secrets.put("TOTP seed", seed);
        long step = Totp.stepOf(Instant.now());
        iam(DEV_ADMIN).enableMFADevice(r -> r.userName(name).serialNumber(device.serialNumber())
                .authenticationCode1(TOTP.codeAtStep(seed, step - 1)).authenticationCode2(TOTP.codeAtStep(seed, step)));
        AwsBasicCredentials longTerm = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        Eventually.succeeds(() -> sts(longTerm).getCallerIdentity());

        // MFA-gated calls, each with its own code (a code is spent once).
        Credentials mfaSession = sts(longTerm).getSessionToken(r -> r.durationSeconds(900)
                .serialNumber(device.serialNumber()).tokenCode(TOTP.codeAtStep(seed, Totp.stepOf(Instant.now())))).credentials();
        remember(secrets, "GetSessionToken", mfaSession);
        Credentials assumed = Eventually.succeeds(() -> sts(longTerm).assumeRole(r -> r.roleArn(roleArn).roleSessionName("scan")
                .serialNumber(device.serialNumber()).tokenCode(TOTP.codeAtStep(seed, Totp.stepOf(Instant.now()) + 1)))
                .credentials());
        remember(secrets, "AssumeRole", assumed);
        Credentials plain = sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900)).credentials();
        remember(secrets, "admin GetSessionToken", plain);
        AwsSessionCredentials roleSession = Clients.session(assumed);
        assertThat(sts(roleSession).getCallerIdentity().arn()).endsWith(":assumed-role/" + name + "/scan");
        assertThat(sts(Clients.session(mfaSession)).getCallerIdentity().arn()).endsWith(":user/" + name);

        // The authorize API, allowed and denied.
        assertThat(AuthorizeApi.decision(roleSession, "s3:GetObject", "arn:aws:s3:::" + name + "/q4.csv")).isEqualTo("Allow");
        assertThat(AuthorizeApi.decision(roleSession, "s3:PutObject", "arn:aws:s3:::" + name + "/q4.csv")).isEqualTo("Deny");

        // Refused calls: a wrong MFA code, a wrong secret, an inactive key.
        assertRefused(() -> sts(longTerm).assumeRole(r -> r.roleArn(roleArn).roleSessionName("wrong")
                .serialNumber(device.serialNumber()).tokenCode(wrongCode(seed))), "AccessDenied");
        String forgedSecret = "forgedSecret/" + UUID.randomUUID().toString().replace("-", "").substring(0, 27);
        secrets.put("a wrong secret a client signed with", forgedSecret);
        assertRefused(() -> sts(AwsBasicCredentials.create(key.accessKeyId(), forgedSecret)).getCallerIdentity(),
                "SignatureDoesNotMatch");
        Eventually.refused(() -> sts(AwsBasicCredentials.create(spare.accessKeyId(), spare.secretAccessKey())).getCallerIdentity());

        // A revocation, then the revoked session refused.
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(new StsCommand(platform, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(new String[]{"revoke", "session", assumed.accessKeyId()})).isZero();
        assertThat(Eventually.refused(() -> sts(roleSession).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
        StsException last = assertRefused(() -> sts(roleSession).getCallerIdentity(), "InvalidClientTokenId");
        // Refused before its caller was known, so it has no account: read from the day files, as an operator would.
        AuditArchive.awaitEventWithoutAccount(platform.config().stateDir().resolve("audit-archive"), last.requestId(),
                Duration.ofSeconds(60));

        // ---- what the platform holds
        platform.secrets().all().forEach((variable, value) -> {
            secrets.put(variable, value);
            for (String entry : value.split(",")) { // key rings: each key's material on its own too
                int colon = entry.indexOf(':');
                if (colon > 0 && entry.length() > colon + 16) {
                    secrets.put(variable + " key " + entry.substring(0, colon), entry.substring(colon + 1));
                }
            }
        });
        for (DevelopmentAccounts.DevelopmentAccount account : DevelopmentAccounts.ALL) {
            secrets.put("bootstrap secret of " + account.profile(), account.secretAccessKey());
        }

        // ---- the scan
        Map<String, String> sources = new LinkedHashMap<>();
        sources.putAll(files("log", platform.config().logsDir()));
        Map<String, String> audit = files("audit archive", platform.config().stateDir().resolve("audit-archive"));
        sources.putAll(audit);
        Map<String, String> kafka = kafkaRecords(platform.kafkaClientSettings(KafkaAccessPolicy.ADMIN));
        sources.putAll(kafka);
        Map<String, String> redis = RedisDump.of(RedisProbe.of(platform.config()));
        redis.forEach((redisKey, value) -> sources.put("redis " + redisKey, redisKey + " " + value));

        // Positive controls: every source was read and holds what it should.
        assertThat(String.join("\n", files("log", platform.config().logsDir()).values())).contains("policy-service");
        assertThat(String.join("\n", audit.values())).contains(key.accessKeyId()).contains(assumed.accessKeyId());
        assertThat(String.join("\n", kafka.values())).contains(key.accessKeyId());
        assertThat(String.join("\n", redis.keySet())).contains("iam:access-key:" + key.accessKeyId());
        assertThat(String.join("\n", redis.values())).contains(device.serialNumber());

        List<String> found = new ArrayList<>();
        secrets.forEach((what, secret) -> {
            for (String form : encodings(secret)) {
                sources.forEach((where, text) -> {
                    if (text.contains(form)) {
                        found.add(what + (form.equals(secret) ? "" : " (encoded)") + " in " + where);
                    }
                });
            }
        });
        assertThat(found).as("secrets found (names and places only)").isEmpty();
        assertThat(secrets).hasSizeGreaterThan(15);
    }

    /**
     * Every record of every Kafka topic, the internal ones included, as {@code "kafka <topic>-<partition>@<offset>"}
     * to the record's key, headers and value, read as the broker's super user {@code admin}, who may read them all.
     */
    static Map<String, String> kafkaRecords(Map<String, String> adminSettings) {
        Properties properties = new Properties();
        properties.putAll(adminSettings);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "sts-secret-scan-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, String> records = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (List<PartitionInfo> infos : consumer.listTopics(Duration.ofSeconds(30)).values()) {
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    fail("could not read every Kafka record within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder text = new StringBuilder();
                    text.append(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8)).append(' ');
                    record.headers().forEach(h -> text.append(h.key()).append('=')
                            .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).append(' '));
                    text.append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    records.put("kafka " + record.topic() + "-" + record.partition() + "@" + record.offset(), text.toString());
                }
            }
        }
        assertThat(records).as("Kafka records read").isNotEmpty();
        return records;
    }

    /** Every file under {@code dir}, by path, as text. */
    private static Map<String, String> files(String kind, Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                try {
                    files.put(kind + " " + file, new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(files).as(kind + " files under " + dir).isNotEmpty();
        return files;
    }

    /** A secret as it is and as it could plausibly be encoded in a log line, a JSON document or a record. */
    private static Set<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(secret.replace("/", "\\/"));
        if (secret.length() >= 24) { // a long value cut short in a log line still gives it away
            forms.add(secret.substring(0, 24));
        }
        return forms;
    }

    private static void remember(Map<String, String> secrets, String call, Credentials credentials) {
        secrets.put(call + " secret key", credentials.secretAccessKey());
        secrets.put(call + " session token", credentials.sessionToken());
    }

    private static StsException assertRefused(Runnable call, String code) {
        try {
            call.run();
        } catch (StsException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    private static String wrongCode(String seed) {
        long step = Totp.stepOf(Instant.now());
        for (int candidate = 0; ; candidate++) {
            String guess = String.format("%06d", candidate);
            boolean right = false;
            for (long s = step - 3; s <= step + 3; s++) {
                right |= guess.equals(TOTP.codeAtStep(seed, s));
            }
            if (!right) {
                return guess;
            }
        }
    }

    private static String readBucket(String bucket) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
    }
}

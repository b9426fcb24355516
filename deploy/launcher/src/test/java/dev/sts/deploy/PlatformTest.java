package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What can be checked without the service modules built; the e2e-tests module runs {@code up()} for real. */
class PlatformTest {

    @TempDir
    Path state;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private Platform platform(Path root) {
        return new Platform(PlatformConfig.forTests(root, state), new PrintStream(output, true));
    }

    @Test
    void everyServiceGetsTheSharedSettingsAndItsOwn() {
        Platform platform = platform(Path.of("/repo"));
        PlatformConfig config = platform.config();
        PlatformSecrets secrets = PlatformSecrets.generateWith(Map.of(PlatformSecrets.KEY_RESOLUTION_TOKEN, "token-service.k",
                PlatformSecrets.ADMIN_TOKEN, "operator.a", PlatformSecrets.AUDIT_SERVICE_AUTHORIZE_TOKEN, "audit-service.z",
                PlatformSecrets.TOKEN_KEYS, "k1:key", PlatformSecrets.REDIS_PASSWORD_TOKEN_SERVICE, "token-pw",
                PlatformSecrets.REDIS_PASSWORD_POLICY_SERVICE, "policy-pw", PlatformSecrets.FEDERATION_TOKEN, "token-service.f",
                PlatformSecrets.REDIS_PASSWORD_FEDERATION_SERVICE, "federation-pw"));

        Map<String, String> token = platform.environmentFor("token-service", secrets, true);
        assertThat(token)
                .containsEntry("QUARKUS_HTTP_PORT", Integer.toString(config.stsPort()))
                .containsEntry("QUARKUS_HTTP_HOST", "127.0.0.1")
                .containsEntry("QUARKUS_REDIS_HOSTS", "redis://token-service:token-pw@127.0.0.1:" + config.redisPort())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + config.kafkaPort())
                .containsEntry("STS_STORE", "redis")
                .containsEntry("QUARKUS_MANAGEMENT_HOST", "127.0.0.1")
                .containsEntry("QUARKUS_MANAGEMENT_PORT", Integer.toString(config.stsManagementPort()))
                .containsEntry("STS_KEY_RESOLUTION_TOKEN", "token-service.k")
                .containsEntry("STS_ADMIN_TOKEN", "operator.a")
                .containsEntry("STS_TOKEN_KEYS", "k1:key")
                .containsEntry("STS_POLICY_SERVICE_URL", "http://127.0.0.1:" + config.iamPort())
                .containsEntry("STS_FEDERATION_SERVICE_URL", "http://127.0.0.1:" + config.federationPort())
                .containsEntry("STS_FEDERATION_TOKEN", "token-service.f")
                .doesNotContainKeys("STS_BOOTSTRAP_FILE", "STS_AUDIT_ARCHIVE_DIR", "STS_AUTHORIZE_TOKEN",
                        "STS_CREDENTIALS_AUTHORIZE");
        assertThat(platform.environmentFor("policy-service", secrets, true))
                .containsEntry("QUARKUS_HTTP_PORT", Integer.toString(config.iamPort()))
                .containsEntry("STS_BOOTSTRAP_FILE", "/repo/deploy/bootstrap.yaml")
                .containsEntry("QUARKUS_REDIS_HOSTS", "redis://policy-service:policy-pw@127.0.0.1:" + config.redisPort())
                .containsEntry("QUARKUS_MANAGEMENT_PORT", Integer.toString(config.iamManagementPort()))
                .containsEntry("STS_KEY_RESOLUTION_TOKEN", "token-service.k")
                .containsEntry("STS_ADMIN_TOKEN", "operator.a")
                .containsEntry("STS_CREDENTIALS_AUTHORIZE", "audit-service.z")
                .containsEntry("STS_FEDERATION_ALLOW_LOOPBACK_HTTP_ISSUERS", "true")
                .containsEntry("STS_FEDERATION_OUTBOUND_ISSUER_BASE", config.federationEndpoint())
                .doesNotContainKey("STS_FEDERATION_TOKEN");
        assertThat(platform.environmentFor("federation-service", secrets, true))
                .containsEntry("QUARKUS_HTTP_PORT", Integer.toString(config.federationPort()))
                .containsEntry("QUARKUS_MANAGEMENT_PORT", Integer.toString(config.federationManagementPort()))
                .containsEntry("QUARKUS_REDIS_HOSTS", "redis://federation-service:federation-pw@127.0.0.1:"
                        + config.redisPort())
                .containsEntry("STS_FEDERATION_TOKEN", "token-service.f")
                .containsEntry("STS_FEDERATION_ALLOW_LOOPBACK_HTTP_ISSUERS", "true")
                .containsEntry("STS_FEDERATION_OUTBOUND_ISSUER_BASE", "http://127.0.0.1:" + config.federationPort())
                .containsKey("STS_KEK")
                // It neither opens session tokens nor resolves keys nor authorizes.
                .doesNotContainKeys("STS_TOKEN_KEYS", "STS_KEY_RESOLUTION_TOKEN", "STS_CREDENTIALS_AUTHORIZE",
                        "STS_BOOTSTRAP_FILE", "STS_POLICY_SERVICE_URL");
        // audit-service does not use Redis: it gets no Redis user at all.
        assertThat(platform.environmentFor("audit-service", secrets, true))
                .doesNotContainKey("QUARKUS_REDIS_HOSTS")
                .containsEntry("QUARKUS_HTTP_PORT", Integer.toString(config.auditPort()))
                .containsEntry("STS_AUDIT_ARCHIVE_DIR", state.resolve("audit-archive").toString())
                .containsEntry("STS_POLICY_SERVICE_URL", config.iamEndpoint())
                .containsEntry("QUARKUS_MANAGEMENT_PORT", Integer.toString(config.auditManagementPort()))
                .containsEntry("STS_AUTHORIZE_TOKEN", "audit-service.z")
                // Least privilege: audit-service neither resolves keys nor administers anything.
                .doesNotContainKeys("STS_KEY_RESOLUTION_TOKEN", "STS_ADMIN_TOKEN", "STS_FEDERATION_TOKEN");
    }

    @Test
    void onlyPolicyServiceAndFederationServiceGetTheKeyEncryptionKey() {
        Platform platform = platform(Path.of("/repo"));
        PlatformSecrets secrets = PlatformSecrets.generateWith(Map.of(PlatformSecrets.KEK, "kek1:kek"));

        assertThat(platform.environmentFor("policy-service", secrets, true)).containsEntry("STS_KEK", "kek1:kek");
        assertThat(platform.environmentFor("federation-service", secrets, true)).containsEntry("STS_KEK", "kek1:kek");
        for (String other : java.util.List.of("token-service", "audit-service")) {
            assertThat(platform.environmentFor(other, secrets, true)).doesNotContainKey("STS_KEK")
                    .doesNotContainValue("kek1:kek");
        }
    }

    @Test
    void eachServiceLogsInToKafkaAsItsOwnPrincipalWithItsOwnPassword() {
        Platform platform = platform(Path.of("/repo"));
        PlatformSecrets secrets = PlatformSecrets.generate();

        for (String service : Platform.SERVICES) {
            KafkaAccessPolicy.Principal principal = KafkaAccessPolicy.forService(service);
            assertThat(platform.environmentFor(service, secrets, true)).as(service)
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule"
                            + " required username=\"" + service + "\" password=\"" + secrets.kafkaPassword(principal) + "\";");
        }
        // No service gets another's password, nor the admin's or the audit reader's.
        String tokenServiceEnvironment = platform.environmentFor("token-service", secrets, true).toString();
        for (KafkaAccessPolicy.Principal other : List.of(KafkaAccessPolicy.POLICY_SERVICE, KafkaAccessPolicy.AUDIT_SERVICE,
                KafkaAccessPolicy.ADMIN, KafkaAccessPolicy.AUDIT_READER, KafkaAccessPolicy.FEDERATION_SERVICE)) {
            assertThat(tokenServiceEnvironment).doesNotContain(secrets.kafkaPassword(other));
        }
    }

    @Test
    void withoutRedisTheServicesUseTheMemoryStoreAndSkipTheRedisHealthCheck() {
        Map<String, String> env = platform(Path.of("/repo")).environmentFor("token-service", PlatformSecrets.generate(), false);

        assertThat(env).containsEntry("STS_STORE", "memory").containsEntry("QUARKUS_REDIS_HEALTH_ENABLED", "false");
    }

    @Test
    void upRefusesToGenerateAKekOverRedisDataThatKeepsSealedSecrets(@TempDir Path root) throws Exception {
        Files.createDirectories(state.resolve("redis/appendonlydir"));

        assertThatThrownBy(() -> platform(root).up()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no STS_KEK");
        assertThat(state.resolve("secrets.properties")).doesNotExist();

        // Control: with the key kept, up goes on (and stops later, at the broker's missing jars).
        PlatformSecrets.loadOrCreate(state);
        assertThatThrownBy(() -> platform(root).up()).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("STS_KEK").hasMessageContaining("mvn");
    }

    @Test
    void upSaysHowToBuildTheBrokerWhenItsJarsAreMissing(@TempDir Path root) {
        assertThatThrownBy(() -> platform(root).up())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka broker's jars are missing")
                .hasMessageContaining("-pl deploy/kafka-runtime package");
        assertThat(state.resolve("run")).doesNotExist();
    }

    @Test
    void upSaysHowToBuildAServiceThatIsMissing(@TempDir Path root) throws Exception {
        Path lib = Files.createDirectories(root.resolve("deploy/kafka-runtime/target/lib"));
        Files.createFile(lib.resolve("kafka_2.13-4.4.0.jar"));

        assertThatThrownBy(() -> platform(root).up())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policy-service is not built")
                .hasMessageContaining("-pl policy-service -am install -DskipTests");
    }

    @Test
    void downNeverSignalsAProcessThatIsNotOneOfOurs() throws Exception {
        Path run = Files.createDirectories(state.resolve("run"));
        long self = ProcessHandle.current().pid();
        // A stale pid file whose pid now belongs to someone else (here: this test JVM).
        Files.writeString(run.resolve("kafka.pid"), self + "\n");
        Files.writeString(run.resolve("token-service.pid"), self + "\n");

        platform(Path.of("/repo")).down();

        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(run.resolve("kafka.pid")).doesNotExist();
        assertThat(run.resolve("token-service.pid")).doesNotExist();
    }

    @Test
    void statusOfAStoppedPlatformShowsNothingRunning() {
        assertThat(platform(Path.of("/repo")).status())
                .extracting(Platform.ComponentStatus::name)
                .containsExactly("redis", "kafka", "policy-service", "federation-service", "token-service",
                        "audit-service");
        assertThat(platform(Path.of("/repo")).status())
                .allSatisfy(component -> {
                    assertThat(component.pid()).isNull();
                    assertThat(component.answers()).isFalse();
                });
    }

    @Test
    void secretsComeFromTheStateDirectory() {
        Platform platform = platform(Path.of("/repo"));

        assertThat(platform.secrets()).isEqualTo(PlatformSecrets.loadOrCreate(state));
    }
}

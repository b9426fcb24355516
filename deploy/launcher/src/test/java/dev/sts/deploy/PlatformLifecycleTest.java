package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Platform#up()} and {@link Platform#down()} for real (Redis, the Kafka broker, four JVMs), with
 * {@link FakeQuarkusService} jars in place of the services, in a project root made up in a temp directory.
 */
class PlatformLifecycleTest {

    @TempDir
    Path root;

    @TempDir
    Path state;

    private static long kafkaPid(Path state) throws java.io.IOException {
        return Long.parseLong(Files.readString(state.resolve("run/kafka.pid")).trim());
    }

    @Test
    void upStartsEveryComponentAndDownStopsThemAll() throws Exception {
        Files.createDirectories(root.resolve("deploy/kafka-runtime/target"));
        Files.createSymbolicLink(root.resolve("deploy/kafka-runtime/target/lib"),
                KafkaBrokerProcess.libDirectory(ProjectRoot.find()));
        Path fakeJar = fakeServiceJar();
        for (String service : Platform.SERVICES) {
            Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Files.copy(fakeJar, jar);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Platform platform = new Platform(PlatformConfig.forTests(root, state), new PrintStream(output, true));
        PlatformConfig config = platform.config();
        try {
            platform.up();
            System.out.print(output.toString(StandardCharsets.UTF_8));

            assertThat(platform.status()).allSatisfy(component -> {
                assertThat(component.pid()).as(component.name()).isNotNull();
                assertThat(component.answers()).as(component.name()).isTrue();
            });
            assertThat(config.runDir().resolve("token-service.pid")).isRegularFile();
            assertThat(config.awsConfigFile()).content().contains("endpoint_url = " + config.stsEndpoint());
            assertThat(config.awsCredentialsFile()).content().contains(DevelopmentAccounts.DEV_ADMIN.accessKeyId());
            PlatformSecrets secrets = PlatformSecrets.loadOrCreate(state);
            assertThat(platform.logFile("token-service")).content()
                    .contains("env STS_STORE=redis")
                    .contains("env STS_POLICY_SERVICE_URL=" + config.iamEndpoint())
                    .contains("env STS_KEY_RESOLUTION_TOKEN=" + secrets.keyResolutionToken())
                    .contains("env KAFKA_BOOTSTRAP_SERVERS=" + config.kafkaBootstrapServers())
                    .contains("env KAFKA_SASL_JAAS_CONFIG=" + KafkaAccessPolicy.jaasConfig("token-service",
                            secrets.kafkaPassword(KafkaAccessPolicy.TOKEN_SERVICE)));
            // The broker's files that hold the admin's password are private, and no password is on its command line.
            Path serverProperties = state.resolve("kafka/server.properties");
            assertThat(java.nio.file.Files.getPosixFilePermissions(serverProperties))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            String brokerCommandLine = Files.readString(Path.of("/proc/" + kafkaPid(state) + "/cmdline"));
            String brokerLog = Files.readString(platform.logFile("kafka"));
            assertThat(brokerLog).contains("Kafka Server started");
            for (String password : secrets.all().values()) {
                assertThat(brokerCommandLine).doesNotContain(password);
                assertThat(brokerLog).doesNotContain(password);
            }
            assertThat(state.resolve("kafka/format.args")).doesNotExist();
            assertThat(state.resolve("kafka/security-setup.properties")).doesNotExist();
            assertThat(platform.logFile("kafka")).content().contains("Kafka Server started");

            assertThatThrownBy(platform::up)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running");

            // A new Platform object, as `./sts down` in another JVM would make, finds everything by its pid files.
            new Platform(config, new PrintStream(OutputStream.nullOutputStream())).down();

            assertThat(platform.status()).allSatisfy(component -> {
                assertThat(component.pid()).as(component.name()).isNull();
                assertThat(component.answers()).as(component.name()).isFalse();
            });
            for (int port : List.of(config.stsPort(), config.iamPort(), config.auditPort(), config.kafkaPort(),
                    config.kafkaControllerPort(), config.redisPort())) {
                assertThat(Ports.isFree(port)).as("port %d", port).isTrue();
            }
            assertThat(Files.list(config.runDir())).isEmpty();
        } finally {
            platform.down();
        }
    }

    private Path fakeServiceJar() throws Exception {
        String entry = FakeQuarkusService.class.getName().replace('.', '/') + ".class";
        Path classFile = Path.of(FakeQuarkusService.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(entry);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeQuarkusService.class.getName());
        Path jar = root.resolve("fake-service.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classFile));
            out.closeEntry();
        }
        return jar;
    }
}

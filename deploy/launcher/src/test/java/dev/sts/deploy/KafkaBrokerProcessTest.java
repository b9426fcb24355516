package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real single-node KRaft broker from deploy/kafka-runtime/target/lib (about 3 s per start). */
class KafkaBrokerProcessTest {

    @TempDir
    Path dir;

    @Test
    void startsAnswersStopsRestartsWithoutReformattingAndReformatsStorageWithoutItsScramAdmin() throws Exception {
        Path lib = KafkaBrokerProcess.libDirectory(ProjectRoot.find());
        int port = Ports.freePort();
        int controllerPort = Ports.freePort();
        while (controllerPort == port) {
            controllerPort = Ports.freePort();
        }
        KafkaBrokerProcess broker = new KafkaBrokerProcess(lib, dir.resolve("kafka"), port, controllerPort,
                dir.resolve("kafka.log"), PlatformSecrets.generate().all());
        try {
            long started = System.nanoTime();
            broker.start(Duration.ofSeconds(60));
            long startMillis = (System.nanoTime() - started) / 1_000_000;
            long pid = broker.pid();
            String residentKb = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?");
            System.out.println("Kafka broker ready in " + startMillis + " ms; " + residentKb.replaceAll("\\s+", " "));

            assertThat(KafkaReadinessProbe.answers(port, Duration.ofSeconds(2))).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(dir.resolve("kafka/kraft/meta.properties")).isRegularFile();
            String clusterId = clusterId(dir.resolve("kafka/kraft/meta.properties"));

            broker.stop();

            assertThat(ProcessHandle.of(pid).map(ProcessStopper::hasExited).orElse(true)).isTrue();
            assertThat(Ports.isFree(port)).isTrue();
            assertThat(KafkaReadinessProbe.answers(port, Duration.ofMillis(500))).isFalse();

            broker.start(Duration.ofSeconds(60));

            assertThat(KafkaReadinessProbe.answers(port, Duration.ofSeconds(2))).isTrue();
            assertThat(clusterId(dir.resolve("kafka/kraft/meta.properties"))).isEqualTo(clusterId);
            assertThat(broker.reformatted()).isFalse();
            assertThat(Files.getPosixFilePermissions(dir.resolve("kafka/server.properties")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(dir.resolve("kafka/format.args")).doesNotExist();
            assertThat(dir.resolve("kafka/security-setup.properties")).doesNotExist();

            // Storage formatted by an older version has no record of a SCRAM admin: it is formatted afresh.
            broker.stop();
            Files.delete(dir.resolve("kafka/kraft-security"));
            broker.start(Duration.ofSeconds(60));

            assertThat(broker.reformatted()).isTrue();
            assertThat(clusterId(dir.resolve("kafka/kraft/meta.properties"))).isNotEqualTo(clusterId);
            assertThat(dir.resolve("kafka.log")).content().contains("reformatting it");
        } finally {
            broker.stop();
        }
    }

    private static String clusterId(Path metaProperties) throws java.io.IOException {
        return Files.readAllLines(metaProperties).stream().filter(line -> line.startsWith("cluster.id=")).findFirst()
                .orElseThrow();
    }

    @Test
    void nothingAnswersOnAPortWhereNoBrokerListens() {
        assertThat(KafkaReadinessProbe.answers(Ports.freePort(), Duration.ofMillis(500))).isFalse();
    }
}

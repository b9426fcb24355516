package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformConfigTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsAreTheDocumentedPortsWithTheControllerBesideKafka() {
        PlatformConfig config = PlatformConfig.defaults(ROOT, ROOT.resolve(".sts"));

        assertThat(config.stsPort()).isEqualTo(8080);
        assertThat(config.iamPort()).isEqualTo(8090);
        assertThat(config.auditPort()).isEqualTo(8092);
        assertThat(config.federationPort()).isEqualTo(8091);
        assertThat(config.federationManagementPort()).isEqualTo(8193);
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.kafkaControllerPort()).isEqualTo(9093);
        assertThat(config.redisPort()).isEqualTo(6380);
        assertThat(config.allowMemoryStore()).isTrue();
        assertThat(config.awsConfigFile()).isEqualTo(Path.of("/repo/.sts/aws-config"));
        assertThat(config.runDir()).isEqualTo(Path.of("/repo/.sts/run"));
    }

    @Test
    void testConfigsUseDistinctFreePortsAndRequireRedis() {
        PlatformConfig config = PlatformConfig.forTests(ROOT, Path.of("/tmp/state"));

        Set<Integer> ports = Set.of(config.stsPort(), config.iamPort(), config.auditPort(), config.federationPort(),
                config.kafkaPort(), config.kafkaControllerPort(), config.redisPort(), config.stsManagementPort(),
                config.iamManagementPort(), config.auditManagementPort(), config.federationManagementPort());
        assertThat(ports).hasSize(11).allMatch(Ports::isFree).doesNotContain(6379);
        assertThat(config.allowMemoryStore()).isFalse();
    }

    @Test
    void refusesClashingPorts() {
        assertThatThrownBy(() -> new PlatformConfig(ROOT, ROOT, 8080, 8090, 8092, 8091, 9092, 0, 6380, 8180, 8190, 8192,
                8190, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
    }
}

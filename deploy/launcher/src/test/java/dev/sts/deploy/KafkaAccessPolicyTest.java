package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The one definition of Kafka's principals and ACLs, held against the services' configuration and the README. */
class KafkaAccessPolicyTest {

    private final Path root = ProjectRoot.find();

    @Test
    void everyConsumerGroupOfEveryServiceFitsItsPrincipalsPrefixInProductionAndInTests() throws IOException {
        for (String service : Platform.SERVICES) {
            String prefix = KafkaAccessPolicy.forService(service).groupPrefix().orElseThrow();
            List<String> groups = groupIds(root.resolve(service).resolve("src/main/resources/application.properties"));

            assertThat(groups).as(service).isNotEmpty().allSatisfy(group -> assertThat(group).startsWith(prefix));
        }
    }

    @Test
    void noProducerOfTheAuditStreamMayReadItAndOnlyTheOwnersWriteIamChangesAndRevocations() {
        for (KafkaAccessPolicy.Principal principal : KafkaAccessPolicy.PRINCIPALS) {
            boolean writesAudit = principal.topics().contains(
                    new KafkaAccessPolicy.TopicGrant(KafkaAccessPolicy.AUDIT, KafkaAccessPolicy.Operation.WRITE));
            boolean readsAudit = principal.topics().contains(
                    new KafkaAccessPolicy.TopicGrant(KafkaAccessPolicy.AUDIT, KafkaAccessPolicy.Operation.READ));
            assertThat(writesAudit && readsAudit).as(principal.name()).isFalse();
        }
        assertThat(writers(KafkaAccessPolicy.IAM_CHANGES)).containsExactly("policy-service");
        assertThat(writers(KafkaAccessPolicy.REVOCATIONS)).containsExactly("token-service");
        assertThat(KafkaAccessPolicy.AUDIT_READER.topics())
                .allSatisfy(grant -> assertThat(grant.operation()).isEqualTo(KafkaAccessPolicy.Operation.READ));
    }

    @Test
    void theReadmeShowsTheSameAclsAsKafkaAclsCommands() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));

        assertThat(KafkaAccessPolicy.kafkaAclsCommands()).hasSize(17).allSatisfy(command -> assertThat(readme).contains(command));
    }

    @Test
    void aJaasValueThatCouldLeaveItsQuotesIsRefused() {
        assertThat(KafkaAccessPolicy.jaasConfig("token-service", "abc_DEF-123"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"token-service\""
                        + " password=\"abc_DEF-123\";");
        assertThatThrownBy(() -> KafkaAccessPolicy.jaasConfig("token-service", "x\" user_admin=\"y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("user_admin");
        assertThatThrownBy(() -> KafkaAccessPolicy.jaasConfig("token-service", "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> writers(String topic) {
        List<String> writers = new ArrayList<>();
        for (KafkaAccessPolicy.Principal principal : KafkaAccessPolicy.PRINCIPALS) {
            if (principal.topics().contains(new KafkaAccessPolicy.TopicGrant(topic, KafkaAccessPolicy.Operation.WRITE))) {
                writers.add(principal.name());
            }
        }
        return writers;
    }

    /** Every {@code group.id} value, profiles included, up to the first {@code ${…}} expression. */
    private static List<String> groupIds(Path applicationProperties) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        List<String> groups = new ArrayList<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.endsWith(".group.id")) {
                groups.add(properties.getProperty(name));
            }
        }
        return groups;
    }
}

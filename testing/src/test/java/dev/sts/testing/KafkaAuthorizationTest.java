package dev.sts.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sts.deploy.KafkaAccessPolicy;
import dev.sts.deploy.KafkaAccessPolicy.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The broker of {@link LocalInfrastructure} (the same as {@code ./sts up}'s) refuses clients without
 * credentials, with a wrong password, or without an ACL for what they try; each refusal has a control made the
 * same way by the principal that may do it.
 */
class KafkaAuthorizationTest {

    private static final Duration REFUSAL = Duration.ofSeconds(6);

    @Test
    void aClientWithoutCredentialsCanNeitherProduceNorConsumeAnyPlatformTopic() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", LocalInfrastructure.get().kafkaBootstrapServers());
        for (String topic : KafkaAccessPolicy.TOPICS) {
            Principal writer = writerOf(topic);
            String marker = "control-" + UUID.randomUUID();
            // Control: the topic's own writer produces, and a principal allowed to read it reads that back.
            produce(settings(writer), topic, marker);
            assertThat(readValues(settings(readerOf(topic)), topic, readerOf(topic), Duration.ofSeconds(30), marker))
                    .contains(marker);

            assertThatThrownBy(() -> produce(anonymous, topic, "forged-" + UUID.randomUUID()))
                    .hasRootCauseInstanceOf(TimeoutException.class);
            assertThat(readValues(anonymous, topic, readerOf(topic), REFUSAL, marker)).isEmpty();
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> wrong = new HashMap<>(settings(KafkaAccessPolicy.POLICY_SERVICE));
        wrong.put("sasl.jaas.config", KafkaAccessPolicy.jaasConfig("policy-service", "not-" + UUID.randomUUID()));

        produce(settings(KafkaAccessPolicy.POLICY_SERVICE), KafkaAccessPolicy.IAM_CHANGES, "control");
        assertThatThrownBy(() -> produce(wrong, KafkaAccessPolicy.IAM_CHANGES, "forged"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void onlyPolicyServiceWritesIamChanges() {
        produce(settings(KafkaAccessPolicy.POLICY_SERVICE), KafkaAccessPolicy.IAM_CHANGES, "control");
        for (Principal other : List.of(KafkaAccessPolicy.TOKEN_SERVICE, KafkaAccessPolicy.AUDIT_SERVICE,
                KafkaAccessPolicy.AUDIT_READER)) {
            assertThatThrownBy(() -> produce(settings(other), KafkaAccessPolicy.IAM_CHANGES, "forged"))
                    .as(other.name()).hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void onlyTokenServiceWritesRevocations() {
        produce(settings(KafkaAccessPolicy.TOKEN_SERVICE), KafkaAccessPolicy.REVOCATIONS, "control");
        for (Principal other : List.of(KafkaAccessPolicy.POLICY_SERVICE, KafkaAccessPolicy.AUDIT_SERVICE,
                KafkaAccessPolicy.AUDIT_READER)) {
            assertThatThrownBy(() -> produce(settings(other), KafkaAccessPolicy.REVOCATIONS, "forged"))
                    .as(other.name()).hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theProducersOfTheAuditStreamCannotReadItAndTheAuditReaderCannotWriteIt() {
        String marker = "audit-" + UUID.randomUUID();
        produce(settings(KafkaAccessPolicy.TOKEN_SERVICE), KafkaAccessPolicy.AUDIT, marker);
        produce(settings(KafkaAccessPolicy.POLICY_SERVICE), KafkaAccessPolicy.AUDIT, marker + "-policy");
        // Control: the read-only downstream principal reads it, in a group under its own prefix.
        assertThat(readValues(settings(KafkaAccessPolicy.AUDIT_READER), KafkaAccessPolicy.AUDIT,
                KafkaAccessPolicy.AUDIT_READER, Duration.ofSeconds(30), marker)).contains(marker);

        for (Principal producer : List.of(KafkaAccessPolicy.TOKEN_SERVICE, KafkaAccessPolicy.POLICY_SERVICE)) {
            assertThatThrownBy(() -> readValues(settings(producer), KafkaAccessPolicy.AUDIT, producer, REFUSAL, marker))
                    .as(producer.name()).isInstanceOf(TopicAuthorizationException.class);
        }
        // The reader may write no topic at all, so its idempotent producer is refused already at InitProducerId
        // (ClusterAuthorizationException); either way an AuthorizationException.
        assertThatThrownBy(() -> produce(settings(KafkaAccessPolicy.AUDIT_READER), KafkaAccessPolicy.AUDIT, "forged"))
                .hasRootCauseInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> produce(settings(KafkaAccessPolicy.AUDIT_READER), KafkaAccessPolicy.AUDIT_DEAD_LETTERS,
                "forged")).hasRootCauseInstanceOf(AuthorizationException.class);
    }

    @Test
    void nothingIsAutoCreated() {
        produce(settings(KafkaAccessPolicy.ADMIN), KafkaAccessPolicy.AUDIT, "control");
        String topic = "not-a-platform-topic-" + UUID.randomUUID();
        assertThatThrownBy(() -> produce(settings(KafkaAccessPolicy.ADMIN), topic, "x"))
                .rootCause().isInstanceOfAny(UnknownTopicOrPartitionException.class, TimeoutException.class);
    }

    private static Principal writerOf(String topic) {
        return switch (topic) {
            case KafkaAccessPolicy.IAM_CHANGES -> KafkaAccessPolicy.POLICY_SERVICE;
            case KafkaAccessPolicy.REVOCATIONS, KafkaAccessPolicy.AUDIT -> KafkaAccessPolicy.TOKEN_SERVICE;
            case KafkaAccessPolicy.AUDIT_DEAD_LETTERS -> KafkaAccessPolicy.AUDIT_SERVICE;
            default -> throw new IllegalArgumentException(topic);
        };
    }

    private static Principal readerOf(String topic) {
        return switch (topic) {
            case KafkaAccessPolicy.IAM_CHANGES, KafkaAccessPolicy.REVOCATIONS -> KafkaAccessPolicy.TOKEN_SERVICE;
            case KafkaAccessPolicy.AUDIT, KafkaAccessPolicy.AUDIT_DEAD_LETTERS -> KafkaAccessPolicy.AUDIT_READER;
            default -> throw new IllegalArgumentException(topic);
        };
    }

    private static Map<String, Object> settings(Principal principal) {
        return new HashMap<>(LocalInfrastructure.get().kafkaClientSettings(principal));
    }

    /** Sends one record and waits for the broker's acknowledgement; throws what the client reports. */
    private static void produce(Map<String, Object> settings, String topic, String value) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("max.block.ms", (int) REFUSAL.toMillis());
        config.put("delivery.timeout.ms", (int) REFUSAL.toMillis());
        config.put("request.timeout.ms", (int) REFUSAL.toMillis() - 1000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("send failed", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    /**
     * Reads {@code topic} from its beginning in a fresh group under {@code groupOwner}'s prefix until a value
     * equal to {@code wanted} appears or {@code timeout} passes; returns the values read.
     */
    private static List<String> readValues(Map<String, Object> settings, String topic, Principal groupOwner,
            Duration timeout, String wanted) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("group.id", groupOwner.groupPrefix().orElseThrow() + "authz-test-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        config.put("enable.auto.commit", "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !values.contains(wanted)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}

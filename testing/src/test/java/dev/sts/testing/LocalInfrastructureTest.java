package dev.sts.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sts.deploy.KafkaAccessPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LocalInfrastructureTest {

    @Test
    void isOnePrivateRedisAndBrokerForTheWholeJvm() {
        LocalInfrastructure infrastructure = LocalInfrastructure.get();

        assertThat(LocalInfrastructure.get()).isSameAs(infrastructure);
        assertThat(infrastructure.redisPort()).isNotEqualTo(6379);
        assertThat(infrastructure.redisUrl()).isEqualTo("redis://127.0.0.1:" + infrastructure.redisPort());
        assertThat(infrastructure.kafkaBootstrapServers()).startsWith("127.0.0.1:");
    }

    @Test
    void aRecordProducedToTheBrokerIsReadBackFromTheBeginning() throws Exception {
        // No topic is auto-created: a platform topic, written by its producer, read back by the super user.
        String topic = KafkaAccessPolicy.AUDIT;
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        Properties properties = new Properties();
        properties.putAll(LocalInfrastructure.get().kafkaClientSettings(KafkaAccessPolicy.TOKEN_SERVICE));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(topic, first, "{\"n\":1}")).get();
            producer.send(new ProducerRecord<>(topic, second, "{\"n\":2}")).get();
        }

        KafkaTopicReader reader = KafkaTopicReader.ofLocalInfrastructure();

        assertThat(reader.awaitRecord(topic, record -> second.equals(record.key()), Duration.ofSeconds(30)).value())
                .isEqualTo("{\"n\":2}");
        // A fresh group each time: a second read starts from the beginning again.
        assertThat(reader.awaitRecords(topic, 2, record -> first.equals(record.key()) || second.equals(record.key()),
                Duration.ofSeconds(30)))
                .extracting(record -> record.key())
                .containsExactly(first, second);
    }

    @Test
    void aReaderThatFindsNothingSaysWhatItRead() throws Exception {
        String topic = KafkaAccessPolicy.AUDIT_DEAD_LETTERS;

        assertThatThrownBy(() -> KafkaTopicReader.ofLocalInfrastructure()
                .awaitRecord(topic, record -> false, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("on topic " + topic);
    }

    @Test
    void theRedisProbeSeesWhatIsStoredWithItsTtl() {
        RedisProbe redis = RedisProbe.ofLocalInfrastructure();
        String key = "probe:" + UUID.randomUUID();

        redis.command("SET", key, "value", "EX", "300");

        assertThat(redis.get(key)).isEqualTo("value");
        assertThat(redis.exists(key)).isTrue();
        assertThat(redis.ttl(key)).isBetween(1L, 300L);
        assertThat(redis.keys("probe:*")).contains(key);
        assertThat(redis.ttl("missing:" + key)).isEqualTo(-2L);
        assertThatThrownBy(() -> redis.command("NOSUCHCOMMAND")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTestResourcePointsQuarkusAtTheRealStoreAndBroker() {
        InfrastructureTestResource resource = new InfrastructureTestResource();
        resource.init(Map.of("service", "audit-service"));

        Map<String, String> config = resource.start();

        LocalInfrastructure infrastructure = LocalInfrastructure.get();
        assertThat(config)
                .containsEntry("quarkus.redis.hosts", infrastructure.redisUrl())
                .containsEntry("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers())
                .containsEntry("quarkus.devservices.enabled", "false")
                .containsEntry("kafka.security.protocol", "SASL_PLAINTEXT")
                .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("kafka.sasl.jaas.config", infrastructure.kafkaClientSettings(KafkaAccessPolicy.AUDIT_SERVICE)
                        .get("sasl.jaas.config"))
                .noneSatisfy((key, value) -> assertThat(key).startsWith("sts."));
        assertThat(config.get("kafka.sasl.jaas.config")).contains("username=\"audit-service\"");
    }

    @Test
    void theTestResourceNeedsToKnowWhichServiceItServes() {
        InfrastructureTestResource resource = new InfrastructureTestResource();

        assertThatThrownBy(() -> resource.init(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resource.init(Map.of("service", "admin"))).isInstanceOf(IllegalArgumentException.class);
        resource.init(Map.of("service", "token-service"));
    }
}

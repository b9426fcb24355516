package dev.sts.testing;

import dev.sts.deploy.RedisUsers;

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
        String key = "probe:" + UUID.randomUUID(); // admin may use any key

        redis.command("SET", key, "value", "EX", "300");

        assertThat(redis.get(key)).isEqualTo("value");
        assertThat(redis.exists(key)).isTrue();
        assertThat(redis.ttl(key)).isBetween(1L, 300L);
        assertThat(redis.keys("probe:*")).contains(key);
        assertThat(redis.ttl("missing:" + key)).isEqualTo(-2L);
        assertThatThrownBy(() -> redis.command("NOSUCHCOMMAND")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRedisProbeConnectsAsTheUserItIsGiven() {
        String key = "sts:session:" + UUID.randomUUID();
        // Control: token-service's user writes its own session records.
        RedisProbe.ofLocalInfrastructure(RedisUsers.TOKEN_SERVICE).command("SET", key, "{}", "EX", "60");
        assertThat(RedisProbe.ofLocalInfrastructure().get(key)).isEqualTo("{}");

        assertThatThrownBy(() -> RedisProbe.ofLocalInfrastructure(RedisUsers.TOKEN_SERVICE).get("iam:access-key:AKIAX"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NOPERM");
        assertThat(RedisProbe.ofLocalInfrastructure(RedisUsers.POLICY_SERVICE).get("iam:access-key:AKIAX")).isNull();
    }

    @Test
    void theTestResourceNeedsToKnowWhichServiceItServes() {
        InfrastructureTestResource resource = new InfrastructureTestResource();

        assertThatThrownBy(() -> resource.init(Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resource.init(Map.of("service", "billing-service")))
                .isInstanceOf(IllegalArgumentException.class);
        resource.init(Map.of("service", "audit-service"));
        // audit-service does not use Redis: it gets no Redis user, only the broker.
        assertThat(resource.start()).doesNotContainKey("quarkus.redis.hosts")
                .containsEntry("kafka.bootstrap.servers", LocalInfrastructure.get().kafkaBootstrapServers());
    }

    @Test
    void theTestResourcePointsQuarkusAtTheRealStoreAndBroker() {
        InfrastructureTestResource resource = new InfrastructureTestResource();
        resource.init(Map.of("service", "audit-service"));

        Map<String, String> config = resource.start();

        LocalInfrastructure infrastructure = LocalInfrastructure.get();
        assertThat(config)
                .doesNotContainKey("quarkus.redis.hosts") // audit-service has no Redis user
                .containsEntry("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers())
                .containsEntry("quarkus.devservices.enabled", "false")
                .containsEntry("kafka.security.protocol", "SASL_PLAINTEXT")
                .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("kafka.sasl.jaas.config", infrastructure.kafkaClientSettings(KafkaAccessPolicy.AUDIT_SERVICE)
                        .get("sasl.jaas.config"))
                .noneSatisfy((key, value) -> assertThat(key).startsWith("sts."));
        assertThat(config.get("kafka.sasl.jaas.config")).contains("username=\"audit-service\"");

        InfrastructureTestResource tokenService = new InfrastructureTestResource();
        tokenService.init(Map.of("service", "token-service"));
        assertThat(tokenService.start())
                .containsEntry("quarkus.redis.hosts", infrastructure.redisUrlFor(RedisUsers.TOKEN_SERVICE));
    }
}

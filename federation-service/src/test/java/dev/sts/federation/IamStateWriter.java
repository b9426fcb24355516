package dev.sts.federation;

import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.port.KeyValueStore;
import dev.sts.deploy.KafkaAccessPolicy;
import dev.sts.deploy.RedisUsers;
import dev.sts.testing.LocalInfrastructure;
import dev.sts.testing.RedisProbe;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Writes IAM state as policy-service, its owner, does: records in the test Redis through the core repository (as
 * policy-service's Redis user, which federation-service's own user is not), and changes announced on
 * {@code iam.changes.v1} (as policy-service's Kafka principal).
 */
public final class IamStateWriter {
    private IamStateWriter() {
    }

    /** The repository over the test Redis, connected as policy-service. */
    public static IamRepository repository() {
        return new IamRepository(new ProbeStore(RedisProbe.ofLocalInfrastructure(RedisUsers.POLICY_SERVICE)));
    }

    /** Announces {@code change} on iam.changes.v1, as policy-service does after every IAM write. */
    public static void announce(IamChange change) {
        Map<String, Object> settings = new HashMap<>(LocalInfrastructure.get()
                .kafkaClientSettings(KafkaAccessPolicy.POLICY_SERVICE));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(IamChange.TOPIC, change.account(), change.toJson())).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not announce the IAM change", e);
        }
    }

    /** A store over raw Redis commands: enough for a test's set-up (not atomic). */
    private record ProbeStore(RedisProbe redis) implements KeyValueStore {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(redis.get(key));
        }

        @Override
        public boolean create(String key, String value, String index, String member) {
            boolean created = "OK".equals(redis.command("SET", key, value, "NX"));
            if (created && index != null) {
                redis.command("SADD", index, member);
            }
            return created;
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            if (!Objects.equals(redis.get(key), expected)) {
                return false;
            }
            redis.command("SET", key, value);
            return true;
        }

        @Override
        public boolean delete(String key, String expected, String index, String member) {
            if (!Objects.equals(redis.get(key), expected)) {
                return false;
            }
            redis.command("DEL", key);
            if (index != null) {
                redis.command("SREM", index, member);
            }
            return true;
        }

        @Override
        public Set<String> members(String index) {
            return Set.copyOf(((List<?>) redis.command("SMEMBERS", index)).stream().map(String::valueOf).toList());
        }

        @Override
        public void addMember(String index, String member) {
            redis.command("SADD", index, member);
        }

        @Override
        public void removeMember(String index, String member) {
            redis.command("SREM", index, member);
        }
    }
}

package dev.sts.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import dev.sts.deploy.KafkaAccessPolicy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning, with a fresh consumer group each time, until enough records match or a
 * timeout passes. For asserting what a service published: {@code awaitRecord("sts.audit", r -> r.value()
 * .contains("AssumeRole"), Duration.ofSeconds(10))}. Keys and values are read as UTF-8 strings.
 *
 * <p>It logs in with the client settings it is given (see {@link LocalInfrastructure#kafkaClientSettings}); its
 * groups are named {@code <principal's group prefix>test-reader-<uuid>} so that the principal's ACLs allow them.
 */
public final class KafkaTopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, String> clientSettings;
    private final String groupPrefix;

    /**
     * @param clientSettings {@code bootstrap.servers} and the security settings to log in with
     * @param groupPrefix    what this reader's group ids start with
     */
    public KafkaTopicReader(Map<String, String> clientSettings, String groupPrefix) {
        this.clientSettings = Map.copyOf(clientSettings);
        this.groupPrefix = groupPrefix;
    }

    /**
     * A reader of the JVM's {@link LocalInfrastructure} broker logged in as the super user {@code admin}, who
     * may read every topic: for asserting what the services published, not for testing the ACLs.
     */
    public static KafkaTopicReader ofLocalInfrastructure() {
        return as(KafkaAccessPolicy.ADMIN);
    }

    /** A reader of the JVM's {@link LocalInfrastructure} broker logged in as {@code principal}, with its ACLs. */
    public static KafkaTopicReader as(KafkaAccessPolicy.Principal principal) {
        return new KafkaTopicReader(LocalInfrastructure.get().kafkaClientSettings(principal),
                principal.groupPrefix().orElse("sts-") + "test-reader-");
    }

    /**
     * The first record of {@code topic} that {@code matches}.
     *
     * @throws AssertionError if none matches within {@code timeout}; the message lists what was read
     */
    public ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> matches,
            Duration timeout) {
        return awaitRecords(topic, 1, matches, timeout).get(0);
    }

    /**
     * The first {@code count} records of {@code topic} that {@code matches}, in partition order.
     *
     * @throws AssertionError if fewer match within {@code timeout}; the message lists what was read
     */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, int count,
            Predicate<ConsumerRecord<String, String>> matches, Duration timeout) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties())) {
            consumer.subscribe(List.of(topic));
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    seen.add(record);
                    if (matches.test(record)) {
                        matching.add(record);
                        if (matching.size() == count) {
                            return matching;
                        }
                    }
                }
            }
        }
        throw new AssertionError("Expected " + count + " matching record(s) on topic " + topic + " within "
                + timeout.toMillis() + " ms, found " + matching.size() + " among " + seen.size() + " read: "
                + describe(seen));
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.putAll(clientSettings);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return properties;
    }

    private static String describe(List<ConsumerRecord<String, String>> records) {
        StringBuilder text = new StringBuilder();
        for (ConsumerRecord<String, String> record : records.subList(0, Math.min(records.size(), 20))) {
            text.append(System.lineSeparator()).append("  offset ").append(record.offset())
                    .append(" key=").append(record.key()).append(" value=").append(record.value());
        }
        if (records.size() > 20) {
            text.append(System.lineSeparator()).append("  ... ").append(records.size() - 20).append(" more");
        }
        return text.toString();
    }
}

package dev.sts.audit;

import dev.sts.audit.archive.EventQuery;
import dev.sts.audit.archive.FileAuditArchive;
import dev.sts.audit.messaging.DeadLetterPublisher;
import dev.sts.deploy.KafkaAccessPolicy;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import dev.sts.testing.LocalInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events on the real audit topic end up, once each, in the archive on disk and are found by request id.
 *
 * <p>All records go to one partition (one key), which the service reads in order, one batch after the other.
 * So once an event sent after some records is archived, those records have been handled too: that is how
 * these tests know a duplicate was skipped without waiting for a while.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "audit-service"))
class AuditArchiveTest {
    private static final String TOPIC = "sts.audit.v1";
    private static final String KEY = "111111111111";


    @ConfigProperty(name = "sts.audit.archive-dir")
    Path archiveDir;

    @Inject
    FileAuditArchive archive;

    @Test
    void archivesEachEventOnceEvenWhenDeliveredTwiceInOneBatch() throws Exception {
        String requestId = UUID.randomUUID().toString();
        String event = event(requestId, UUID.randomUUID().toString());
        String after = UUID.randomUUID().toString();
        send(event, event, event(after, UUID.randomUUID().toString()));

        awaitArchived(after);

        assertThat(awaitArchived(requestId)).contains("\"requestID\":\"" + requestId + "\"");
        assertThat(copiesArchived(requestId)).isEqualTo(1);
    }

    @Test
    void archivesAnEventRedeliveredInALaterBatchOnlyOnce() throws Exception {
        String requestId = UUID.randomUUID().toString();
        String event = event(requestId, UUID.randomUUID().toString());
        send(event);
        awaitArchived(requestId);
        String after = UUID.randomUUID().toString();

        send(event, event(after, UUID.randomUUID().toString()));
        awaitArchived(after);

        assertThat(copiesArchived(requestId)).isEqualTo(1);
    }

    @Test
    void recordsThatAreNotAuditEventsGoToTheDeadLetterTopic() throws Exception {
        String poison = "not json " + UUID.randomUUID();
        send(poison);
        String dead = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1.dlq",
                record -> poison.equals(record.value()), Duration.ofSeconds(30)).value();
        assertThat(dead).isEqualTo(poison);
        // The stream is not blocked behind it.
        String requestId = UUID.randomUUID().toString();
        send(event(requestId, UUID.randomUUID().toString()));
        assertThat(awaitArchived(requestId)).contains(requestId);
    }

    @Test
    void aRecordThatIsNoEventAmidABatchIsDeadLetteredAndTheEventsAroundItArchived() throws Exception {
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String poison = "{\"eventID\":\"" + UUID.randomUUID() + "\",\"no\":\"eventTime\"}";

        List<RecordMetadata> sent = send(event(before, UUID.randomUUID().toString()), poison,
                event(after, UUID.randomUUID().toString()));

        ConsumerRecord<String, String> dead = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1.dlq",
                record -> poison.equals(record.value()), Duration.ofSeconds(30));
        assertThat(dead.key()).isEqualTo(KEY);
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(TOPIC);
        assertThat(header(dead, "dead-letter-offset")).isEqualTo(Long.toString(sent.get(1).offset()));
        assertThat(header(dead, "dead-letter-reason")).isEqualTo("eventVersion is missing");
        assertThat(awaitArchived(before)).contains(before);
        assertThat(awaitArchived(after)).contains(after);
        assertThat(copiesArchived(before)).isEqualTo(1);
        assertThat(copiesArchived(after)).isEqualTo(1);
    }

    /** From the archive's index, as the query API reads it (its authentication is AuditQueryEndToEndTest's). */
    @Test
    void poisonEventsGoToTheDeadLetterTopicWithTheirReasonAndArchivingContinues() throws Exception {
        String valid = event(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        Map<String, String> poisons = Map.of(
                valid.replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"+1000000000-01-01T00:00:00Z\""),
                "eventTime is malformed",
                valid.replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"" + Instant.now().plusSeconds(3600) + "\""),
                "eventTime is more than 15 minutes in the future",
                valid.replace("\"eventName\":\"GetCallerIdentity\",", ""), "eventName is missing",
                valid.replace("\"recipientAccountId\":\"111111111111\"", "\"recipientAccountId\":\"../x\""),
                "recipientAccountId is not a 12-digit account id",
                // Within a few hundred bytes of what the broker takes (message.max.bytes, 1,048,588): the whole value
                // plus the dead-letter headers would be too large to dead-letter, so a stub of it is.
                valid.replace("{\"eventVersion\"", "{\"pad\":\"" + "x".repeat(1_048_000) + "\",\"eventVersion\""),
                "record larger than 262144 bytes",
                valid + "{}", "not strict JSON");
        List<String> values = new ArrayList<>(poisons.keySet());
        String after = UUID.randomUUID().toString();
        values.add(event(after, UUID.randomUUID().toString()));
        send(values.toArray(String[]::new));

        KafkaTopicReader reader = KafkaTopicReader.ofLocalInfrastructure();
        for (Map.Entry<String, String> poison : poisons.entrySet()) {
            ConsumerRecord<String, String> dead = reader.awaitRecord("sts.audit.v1.dlq",
                    record -> poison.getKey().equals(record.value()) || record.value().length()
                            == DeadLetterPublisher.KEPT_OF_OVERSIZE && poison.getKey().startsWith(record.value()),
                    Duration.ofSeconds(30));
            if (poison.getKey().length() > DeadLetterPublisher.KEPT_OF_OVERSIZE * 10) {
                assertThat(header(dead, "dead-letter-original-bytes")).isEqualTo(Integer.toString(poison.getKey().length()));
            }
            assertThat(header(dead, "dead-letter-reason")).isEqualTo(poison.getValue());
        }
        // Positive control: the valid event sent behind them is archived, and so is one sent after them.
        assertThat(awaitArchived(after)).contains(after);
        String later = UUID.randomUUID().toString();
        send(event(later, UUID.randomUUID().toString()));
        assertThat(awaitArchived(later)).contains(later);
    }

    private String awaitArchived(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        EventQuery query = new EventQuery(KEY, Optional.of(requestId), Optional.empty());
        while (System.nanoTime() < deadline) {
            String body = String.join(",", archive.find(query, 10));
            if (body.contains(requestId)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("event " + requestId + " was not archived within 30 s");
    }

    /** Copies in today's day file (the events here are all stamped now). */
    private long copiesArchived(String requestId) throws Exception {
        Path today = archiveDir.resolve("events-" + Instant.now().toString().substring(0, 10) + ".jsonl");
        return Files.readAllLines(today).stream().filter(line -> line.contains(requestId)).count();
    }

    /**
     * Sends the values in one produce request: the producer lingers until {@code flush()}, so they land in one
     * record batch of the partition, which the service's consumer fetches, and hands on, in one poll.
     */
    private List<RecordMetadata> send(String... values) throws Exception {
        // As token-service, a producer of the audit stream: it may write the topic, as a forger who stole its
        // credentials could.
        Map<String, Object> config = new HashMap<>(LocalInfrastructure.get().kafkaClientSettings(KafkaAccessPolicy.TOKEN_SERVICE));
        config.put(ProducerConfig.LINGER_MS_CONFIG, "60000");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(2 << 20));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> sending = new ArrayList<>();
            for (String value : values) {
                sending.add(producer.send(new ProducerRecord<>(TOPIC, KEY, value)));
            }
            producer.flush();
            List<RecordMetadata> sent = new ArrayList<>();
            for (Future<RecordMetadata> record : sending) {
                sent.add(record.get());
            }
            return sent;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String event(String requestId, String eventId) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"Unknown\"},\"eventTime\":\"" + Instant.now()
                + "\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"requestID\":\""
                + requestId + "\",\"eventID\":\"" + eventId + "\",\"recipientAccountId\":\"111111111111\"}";
    }
}

package dev.sts.audit;

import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Events on the real audit topic end up, once each, in the archive on disk and are found by request id. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL)
class AuditArchiveTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "sts.audit.archive-dir")
    Path archiveDir;

    @Test
    void archivesEachEventOnceEvenWhenDeliveredTwice() throws Exception {
        String requestId = UUID.randomUUID().toString();
        String event = event(requestId, UUID.randomUUID().toString());
        send(event);
        send(event);
        String found = awaitArchived(requestId);
        assertThat(found).contains("\"requestID\":\"" + requestId + "\"");
        Path today = archiveDir.resolve("events-" + Instant.now().toString().substring(0, 10) + ".jsonl");
        long copies = Files.readAllLines(today).stream().filter(line -> line.contains(requestId)).count();
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void recordsThatAreNotAuditEventsGoToTheDeadLetterTopic() throws Exception {
        String poison = "not json " + UUID.randomUUID();
        send(poison);
        String dead = new KafkaTopicReader(kafka).awaitRecord("sts.audit.v1.dlq",
                record -> poison.equals(record.value()), Duration.ofSeconds(30)).value();
        assertThat(dead).isEqualTo(poison);
        // The stream is not blocked behind it.
        String requestId = UUID.randomUUID().toString();
        send(event(requestId, UUID.randomUUID().toString()));
        assertThat(awaitArchived(requestId)).contains(requestId);
    }

    private String awaitArchived(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String body = given().queryParam("requestId", requestId).get("/v1/events").then().statusCode(200)
                    .extract().asString();
            if (body.contains(requestId)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("event " + requestId + " was not archived within 30 s");
    }

    private void send(String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>("sts.audit.v1", "111111111111", value)).get();
        }
    }

    private static String event(String requestId, String eventId) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"Unknown\"},\"eventTime\":\"" + Instant.now()
                + "\",\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"GetCallerIdentity\",\"requestID\":\""
                + requestId + "\",\"eventID\":\"" + eventId + "\",\"recipientAccountId\":\"111111111111\"}";
    }
}

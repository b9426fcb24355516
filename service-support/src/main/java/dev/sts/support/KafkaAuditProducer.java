package dev.sts.support;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.audit.AuditEventJson;
import dev.sts.core.port.AuditPublisher;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Audit events to {@code sts.audit.v1}: CloudTrail JSON, keyed by account so one account's events stay in
 * order, through an idempotent producer that every in-sync replica acknowledges.
 * <p>
 * The request thread hands each event straight to the Kafka client, whose {@code send} is thread-safe and
 * asynchronous: nobody's credentials wait for the broker. (A Reactive Messaging emitter cost a lock, a
 * buffer and a hand-off to its sending thread per event: about a tenth of the STS's CPU under load.) A send
 * waits at most {@link #MAX_BLOCK} for metadata or buffer room; a record the producer finally gives up on
 * is logged loudly.
 */
public final class KafkaAuditProducer implements AuditPublisher, AutoCloseable {
    public static final String TOPIC = "sts.audit.v1";
    static final Duration MAX_BLOCK = Duration.ofMillis(500);
    /**
     * Events wait up to this long to share a produce request. Under load each request to the broker costs
     * it far more than the bytes it carries (at 5 ms and 16 KB batches the broker and the archiver used a
     * third of a core each at 2,500 events/s); an audit event arriving 20 ms later changes nothing.
     */
    static final Duration LINGER = Duration.ofMillis(20);
    static final int BATCH_BYTES = 256 * 1024;
    private static final Logger LOG = Logger.getLogger(KafkaAuditProducer.class);

    private final Producer<String, String> producer;

    private KafkaAuditProducer(Producer<String, String> producer) {
        this.producer = producer;
    }

    /**
     * A producer logged in with {@code settings} (the service's own Kafka principal, which may write the topic
     * but not read it), with the topic's metadata fetched now rather than by the first request.
     */
    public static KafkaAuditProducer connect(KafkaClientSettings settings, String clientId) {
        Map<String, Object> config = new HashMap<>(settings.toClientProperties());
        config.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, (int) LINGER.toMillis(),
                ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()));
        String bootstrapServers = settings.bootstrapServers();
        KafkaAuditProducer audit = new KafkaAuditProducer(
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()));
        try {
            audit.producer.partitionsFor(TOPIC);
        } catch (KafkaException e) {
            LOG.warnf("Kafka at %s does not answer yet (%s); audit events wait for it", bootstrapServers, e.getMessage());
        }
        return audit;
    }

    @Override
    public void publish(AuditEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, event.partitionKey(), AuditEventJson.toJson(event));
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    lost(event, failure);
                }
            });
        } catch (KafkaException e) {
            lost(event, e);
        }
    }

    private static void lost(AuditEvent event, Exception failure) {
        LOG.errorf("AUDIT EVENT LOST: %s %s (request %s): %s", event.eventName(), event.eventId(), event.requestId(),
                failure.getMessage());
    }

    /** Sends what is still buffered, waiting a few seconds at most. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package dev.sts.token.messaging;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.audit.AuditEventJson;
import dev.sts.core.port.AuditPublisher;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;

/**
 * Sends audit events to {@code sts.audit.v1}, keyed by account. The producer is idempotent with
 * acks=all (see application.properties); sending does not wait for the broker, so a slow broker
 * slows nobody's credentials, and a record the producer finally gives up on is logged loudly.
 */
@ApplicationScoped
public class KafkaAuditPublisher implements AuditPublisher {
    private static final Logger LOG = Logger.getLogger(KafkaAuditPublisher.class);

    @Inject
    @Channel("audit")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
    Emitter<String> emitter;

    @Override
    public void publish(AuditEvent event) {
        Message<String> message = Message.of(AuditEventJson.toJson(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.partitionKey()).build())
                .withNack(failure -> {
                    LOG.errorf("AUDIT EVENT LOST: %s %s (request %s): %s", event.eventName(), event.eventId(),
                            event.requestId(), failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
    }
}

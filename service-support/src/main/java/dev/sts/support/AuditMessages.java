package dev.sts.support;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.audit.AuditEventJson;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;

/**
 * An audit event as a Kafka message for {@code sts.audit.v1}: CloudTrail JSON, keyed by account so one
 * account's events stay in order. A record the producer finally gives up on is logged loudly.
 */
public final class AuditMessages {
    private static final Logger LOG = Logger.getLogger(AuditMessages.class);

    private AuditMessages() {
    }

    public static Message<String> of(AuditEvent event) {
        return Message.of(AuditEventJson.toJson(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.partitionKey()).build())
                .withNack(failure -> {
                    LOG.errorf("AUDIT EVENT LOST: %s %s (request %s): %s", event.eventName(), event.eventId(),
                            event.requestId(), failure.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
    }
}

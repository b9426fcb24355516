package dev.sts.token.messaging;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.port.AuditPublisher;
import dev.sts.support.AuditMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends audit events to {@code sts.audit.v1}; the producer is idempotent with acks=all (see
 * application.properties). Sending does not wait for the broker, so a slow broker slows nobody's credentials.
 */
@ApplicationScoped
public class KafkaAuditPublisher implements AuditPublisher {
    @Inject
    @Channel("audit")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
    Emitter<String> emitter;

    @Override
    public void publish(AuditEvent event) {
        emitter.send(AuditMessages.of(event));
    }
}

package dev.sts.policy.messaging;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.port.AuditPublisher;
import dev.sts.support.AuditMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Sends the IAM API's audit events to {@code sts.audit.v1} (idempotent producer, acks=all). */
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

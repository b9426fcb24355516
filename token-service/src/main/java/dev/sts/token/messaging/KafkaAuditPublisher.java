package dev.sts.token.messaging;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.port.AuditPublisher;
import dev.sts.support.KafkaAuditProducer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sends the STS's audit events to {@code sts.audit.v1}; connected at start, flushed at shutdown. */
@Startup
@ApplicationScoped
public class KafkaAuditPublisher implements AuditPublisher {
    private final KafkaAuditProducer producer;

    KafkaAuditPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.producer = KafkaAuditProducer.connect(bootstrapServers, "token-service-audit");
    }

    @Override
    public void publish(AuditEvent event) {
        producer.publish(event);
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}

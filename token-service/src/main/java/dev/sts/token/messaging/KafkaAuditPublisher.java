package dev.sts.token.messaging;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.port.AuditPublisher;
import dev.sts.support.KafkaAuditProducer;
import dev.sts.support.KafkaClientSettings;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sends the STS's audit events to {@code sts.audit.v1}; connected at start, flushed at shutdown. */
@Startup
@ApplicationScoped
public class KafkaAuditPublisher implements AuditPublisher {
    private final KafkaAuditProducer producer;

    KafkaAuditPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "kafka.security.protocol") String securityProtocol,
            @ConfigProperty(name = "kafka.sasl.mechanism") String saslMechanism,
            @ConfigProperty(name = "kafka.sasl.jaas.config") String saslJaasConfig) {
        this.producer = KafkaAuditProducer.connect(
                new KafkaClientSettings(bootstrapServers, securityProtocol, saslMechanism, saslJaasConfig), "token-service-audit");
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

package dev.sts.support;

import java.util.Map;
import java.util.Objects;

/**
 * How a plain Kafka client of a service reaches and logs in to the broker: the same {@code kafka.*} settings
 * that the service's SmallRye channels use ({@code kafka.bootstrap.servers}, {@code kafka.security.protocol},
 * {@code kafka.sasl.mechanism}, {@code kafka.sasl.jaas.config}; environment {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}).
 *
 * @param saslJaasConfig holds the service's password: {@link #toString()} never shows it
 */
public record KafkaClientSettings(String bootstrapServers, String securityProtocol, String saslMechanism,
        String saslJaasConfig) {

    public KafkaClientSettings {
        Objects.requireNonNull(bootstrapServers, "kafka.bootstrap.servers");
        Objects.requireNonNull(securityProtocol, "kafka.security.protocol");
        Objects.requireNonNull(saslMechanism, "kafka.sasl.mechanism");
        Objects.requireNonNull(saslJaasConfig, "kafka.sasl.jaas.config");
    }

    /** As Kafka client properties. */
    public Map<String, Object> toClientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers, "security.protocol", securityProtocol,
                "sasl.mechanism", saslMechanism, "sasl.jaas.config", saslJaasConfig);
    }

    @Override
    public String toString() {
        return "KafkaClientSettings[" + bootstrapServers + ", " + securityProtocol + ", " + saslMechanism
                + ", sasl.jaas.config hidden]";
    }
}

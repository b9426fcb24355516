package dev.sts.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's {@link LocalInfrastructure}: the real Redis store and the real
 * Kafka broker, with Dev Services off. Use it once per service module, for example on one test class:
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL)
 * class AssumeRoleResourceTest { ... }
 * }</pre>
 *
 * <p>Services give their test consumers a fresh group id per start ({@code ${quarkus.uuid}}), so each
 * start reads its topics afresh instead of resuming an earlier run's offsets on the shared broker. Nothing
 * here sets keys under the services' own {@code sts.*} prefix: their config mappings refuse unknown keys.
 *
 * <p>{@link #stop()} leaves Redis and Kafka running: they belong to the JVM and stop when it exits.
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalInfrastructure infrastructure = LocalInfrastructure.get();
        return Map.of(
                "quarkus.redis.hosts", infrastructure.redisUrl(),
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "quarkus.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // Nothing: the infrastructure is shared by every test in the JVM and stopped by its shutdown hook.
    }
}

package dev.sts.testing;

import dev.sts.deploy.KafkaAccessPolicy;
import dev.sts.deploy.RedisUsers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's {@link LocalInfrastructure}: the real Redis store and the real
 * Kafka broker, with Dev Services off, connected as the service under test (its own Redis ACL user, see
 * {@link RedisUsers}; audit-service has none). Use it once per service module, for example on one test class:
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
 *         initArgs = @ResourceArg(name = "service", value = "token-service"))
 * class AssumeRoleResourceTest { ... }
 * }</pre>
 *
 * <p>The {@code service} init argument (required: policy-service, token-service, audit-service or federation-service) says whose
 * credentials the service under test gets: it connects to Kafka as that service's principal, with exactly the
 * ACLs it has in production ({@link KafkaAccessPolicy}).
 *
 * <p>Services give their test consumers a fresh group id per start ({@code ${quarkus.uuid}}), so each
 * start reads its topics afresh instead of resuming an earlier run's offsets on the shared broker. Nothing
 * here sets keys under the services' own {@code sts.*} prefix: their config mappings refuse unknown keys.
 *
 * <p>{@link #stop()} leaves Redis and Kafka running: they belong to the JVM and stop when it exits.
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

    private String service;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.get("service");
        boolean known = service != null && KafkaAccessPolicy.SERVICE_PRINCIPALS.stream()
                .anyMatch(principal -> principal.name().equals(service));
        if (!known) {
            throw new IllegalArgumentException("InfrastructureTestResource needs initArgs = @ResourceArg(name = \"service\","
                    + " value = ...), a platform service; got " + service);
        }
    }

    @Override
    public Map<String, String> start() {
        LocalInfrastructure infrastructure = LocalInfrastructure.get();
        Map<String, String> config = new LinkedHashMap<>();
        RedisUsers.ofService(service).ifPresent(user -> config.put("quarkus.redis.hosts", infrastructure.redisUrlFor(user)));
        infrastructure.kafkaClientSettings(KafkaAccessPolicy.forService(service))
                .forEach((name, value) -> config.put("kafka." + name, value));
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // Nothing: the infrastructure is shared by every test in the JVM and stopped by its shutdown hook.
    }
}

package dev.sts.policy.store;

import dev.sts.core.crypto.SecretSealer;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.port.AuthorizeClientStore;
import dev.sts.core.store.InMemoryAuthorizeClientStore;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.policy.config.PolicyServiceConfig;
import dev.sts.support.RedisAuthorizeClientStore;
import dev.sts.support.RedisKeyValueStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * IAM state over Redis normally, in memory only when configured so (and then loudly); secret fields sealed
 * under the key-encryption key ring {@code STS_KEK}, without which policy-service does not start.
 */
@ApplicationScoped
public class IamRepositoryProducer {
    private static final Logger LOG = Logger.getLogger(IamRepositoryProducer.class);

    @Produces
    @Singleton
    @Startup // created at start, so a missing or malformed STS_KEK stops policy-service at once
    IamRepository iamRepository(PolicyServiceConfig config, Instance<RedisDataSource> redis) {
        SecretSealer sealer = sealer(config);
        if (config.store() == PolicyServiceConfig.StoreKind.memory) {
            LOG.warn("*** sts.store=memory: IAM state lives in this process only and is LOST ON RESTART. "
                    + "Use Redis for anything but a throwaway local run. ***");
            return new IamRepository(new InMemoryKeyValueStore(), sealer);
        }
        return new IamRepository(new RedisKeyValueStore(redis.get()), sealer);
    }

    /** Fails closed: no key ring, or a malformed one, stops the start with a message that never shows key material. */
    static SecretSealer sealer(PolicyServiceConfig config) {
        String spec = config.kek().filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                "STS_KEK (sts.kek) is not set: policy-service seals access-key secrets and MFA seeds at rest under this"
                        + " key-encryption key ring and will not start without it. Format: id:base64(32 bytes)[,id:…],"
                        + " the first active; generate one with: echo \"k1:$(head -c 32 /dev/urandom | base64)\""));
        try {
            SecretSealer sealer = SecretSealer.parse(spec);
            LOG.infof("Secrets at rest are sealed under key-encryption key %s", sealer.activeKeyId());
            return sealer;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("STS_KEK (sts.kek) is malformed: " + e.getMessage(), e);
        }
    }

    /** The authorize API's clients, where IAM state lives (Redis: shared by every instance). */
    @Produces
    @Singleton
    AuthorizeClientStore authorizeClientStore(PolicyServiceConfig config, Instance<RedisDataSource> redis) {
        return config.store() == PolicyServiceConfig.StoreKind.memory ? new InMemoryAuthorizeClientStore()
                : new RedisAuthorizeClientStore(redis.get());
    }
}

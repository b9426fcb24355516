package dev.sts.policy.store;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.port.AuthorizeClientStore;
import dev.sts.core.store.InMemoryAuthorizeClientStore;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.policy.config.PolicyServiceConfig;
import dev.sts.support.RedisAuthorizeClientStore;
import dev.sts.support.RedisKeyValueStore;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** IAM state over Redis normally, in memory only when configured so (and then loudly). */
@ApplicationScoped
public class IamRepositoryProducer {
    private static final Logger LOG = Logger.getLogger(IamRepositoryProducer.class);

    @Produces
    @Singleton
    IamRepository iamRepository(PolicyServiceConfig config, Instance<RedisDataSource> redis) {
        if (config.store() == PolicyServiceConfig.StoreKind.memory) {
            LOG.warn("*** sts.store=memory: IAM state lives in this process only and is LOST ON RESTART. "
                    + "Use Redis for anything but a throwaway local run. ***");
            return new IamRepository(new InMemoryKeyValueStore());
        }
        return new IamRepository(new RedisKeyValueStore(redis.get()));
    }

    /** The authorize API's clients, where IAM state lives (Redis: shared by every instance). */
    @Produces
    @Singleton
    AuthorizeClientStore authorizeClientStore(PolicyServiceConfig config, Instance<RedisDataSource> redis) {
        return config.store() == PolicyServiceConfig.StoreKind.memory ? new InMemoryAuthorizeClientStore()
                : new RedisAuthorizeClientStore(redis.get());
    }
}

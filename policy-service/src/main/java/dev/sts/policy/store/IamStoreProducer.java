package dev.sts.policy.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.port.IamStore;
import dev.sts.policy.config.PolicyServiceConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Chooses the IAM store from configuration: Redis normally, memory only when asked to. */
@ApplicationScoped
public class IamStoreProducer {
    private static final Logger LOG = Logger.getLogger(IamStoreProducer.class);

    @Produces
    @ApplicationScoped
    IamStore iamStore(PolicyServiceConfig config, Instance<RedisDataSource> redis, ObjectMapper json) {
        if (config.store() == PolicyServiceConfig.StoreKind.memory) {
            LOG.warn("*** sts.store=memory: IAM state lives in this process only and is LOST ON RESTART. "
                    + "Use Redis for anything but a throwaway local run. ***");
            return new InMemoryIamStore();
        }
        return new RedisIamStore(redis.get(), json);
    }
}

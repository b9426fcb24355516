package dev.sts.token.revocation;

import dev.sts.core.port.RevocationStore;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.store.InMemoryRevocationStore;
import dev.sts.support.RedisRevocationStore;
import dev.sts.token.config.TokenServiceConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The revocations in force: loaded from the store at start, then kept current by {@code sts.revocations.v1}. */
@ApplicationScoped
public class RevocationBeans {
    @Produces
    @Singleton
    RevocationStore revocationStore(TokenServiceConfig config, Instance<RedisDataSource> redis) {
        return config.store() == TokenServiceConfig.StoreKind.memory ? new InMemoryRevocationStore()
                : new RedisRevocationStore(redis.get());
    }

    @Produces
    @Singleton
    RevocationList revocationList(RevocationStore store, Clock clock) {
        RevocationList list = new RevocationList(clock);
        list.applyAll(store.all());
        return list;
    }
}

package dev.sts.token.store;

import dev.sts.core.port.SessionStore;
import dev.sts.token.config.TokenServiceConfig;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Chooses the session store from configuration: Redis normally, memory only when asked to. */
@ApplicationScoped
public class SessionStoreProducer {
    private static final Logger LOG = Logger.getLogger(SessionStoreProducer.class);

    @Produces
    @Singleton
    SessionStore sessionStore(TokenServiceConfig config, Instance<Redis> redis, Clock clock) {
        if (config.store() == TokenServiceConfig.StoreKind.memory) {
            LOG.warn("*** sts.store=memory: session records live in this process only and are LOST ON RESTART. "
                    + "Use Redis for anything but a throwaway local run. ***");
            return new InMemorySessionStore();
        }
        return new RedisSessionStore(redis.get(), clock);
    }
}

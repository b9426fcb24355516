package dev.sts.policy.revocation;

import dev.sts.core.revocation.Revocation;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.store.InMemoryRevocationStore;
import dev.sts.policy.config.PolicyServiceConfig;
import dev.sts.support.RedisRevocationStore;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * The revocations in force, for the IAM API and the authorize API: loaded from Redis at start, kept current
 * by {@code sts.revocations.v1} (token-service accepts revocations and announces them).
 */
@ApplicationScoped
public class RevocationBeans {
    private static final Logger LOG = Logger.getLogger(RevocationBeans.class);

    @Produces
    @Singleton
    RevocationList revocationList(PolicyServiceConfig config, Instance<RedisDataSource> redis, Clock clock) {
        RevocationList list = new RevocationList(clock);
        list.applyAll(config.store() == PolicyServiceConfig.StoreKind.memory ? new InMemoryRevocationStore().all()
                : new RedisRevocationStore(redis.get()).all());
        return list;
    }

    /** Applies every revocation announced on the topic. */
    @ApplicationScoped
    public static class Feed {
        private final RevocationList revocations;

        Feed(RevocationList revocations) {
            this.revocations = revocations;
        }

        @Incoming("revocations")
        public void onRevocation(String json) {
            Revocation.fromJson(json).ifPresentOrElse(revocation -> {
                // The list combines it with any in force: a record that would shorten or undo one changes nothing.
                if (!revocations.apply(revocation)) {
                    LOG.debugf("Ignoring %s on %s: expired, or no stronger than the revocation in force",
                            revocation.key(), Revocation.TOPIC);
                }
            }, () -> LOG.errorf("Ignoring a record on %s that is not a revocation", Revocation.TOPIC));
        }
    }
}

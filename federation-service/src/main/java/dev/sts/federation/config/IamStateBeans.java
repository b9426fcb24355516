package dev.sts.federation.config;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.SecretlessKeyValueStore;
import dev.sts.core.store.CachingKeyValueStore;
import dev.sts.federation.oidc.OidcSettings;
import dev.sts.federation.oidc.WebIdentityTokenValidator;
import dev.sts.support.RedisKeyValueStore;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * federation-service's read-only view of IAM state: the OpenID Connect providers it validates tokens of and the
 * accounts that federate outbound. policy-service owns and writes that state in Redis; this view reads it through the
 * core repository (no sealer: it never opens secrets, and the view refuses secret-bearing keys), cached in memory.
 * Every change announced on {@code iam.changes.v1} clears the cache ({@code messaging.IamChangeConsumer}), and every
 * cached record expires after {@code sts.iam-cache.max-staleness} regardless, so a lost event delays a change (a
 * deleted provider) by that long at most. As token-service's view.
 */
@ApplicationScoped
public class IamStateBeans {
    @Produces
    @Singleton
    CachingKeyValueStore iamStateCache(RedisDataSource redis, FederationServiceConfig config) {
        return new CachingKeyValueStore(new SecretlessKeyValueStore(new RedisKeyValueStore(redis)),
                config.iamCache().maxStaleness(), config.iamCache().maxBytes());
    }

    @Produces
    @Singleton
    IamRepository iamView(CachingKeyValueStore iamStateCache) {
        return new IamRepository(iamStateCache);
    }

    @Produces
    @Singleton
    WebIdentityTokenValidator webIdentityTokenValidator(IamRepository iamView, FederationServiceConfig config) {
        FederationServiceConfig.Federation federation = config.federation();
        OidcSettings settings = new OidcSettings(federation.allowLoopbackHttpIssuers(), federation.caBundle(),
                federation.outboundIssuerBase(), federation.clockSkew(), federation.http().connectTimeout(),
                federation.http().timeout(), federation.http().maxResponseBytes(), federation.http().maxConcurrentFetches(),
                federation.jwks().ttl(), federation.jwks().minRefreshInterval(), federation.jwks().failureTtl());
        return new WebIdentityTokenValidator(iamView, settings, Clock.systemUTC());
    }
}

package dev.sts.token.service;

import dev.sts.core.api.ActionAuthorizer;
import dev.sts.core.api.QueryAction;
import dev.sts.core.api.QueryApi;
import dev.sts.core.api.QueryRequestPipeline;
import dev.sts.core.auth.CredentialTypeRules;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.port.AuditPublisher;
import dev.sts.core.port.TokenBuckets;
import dev.sts.core.ratelimit.RateLimit;
import dev.sts.core.ratelimit.RateLimitingAuthorizer;
import dev.sts.core.ratelimit.RateLimits;
import dev.sts.core.store.InMemoryTokenBuckets;
import dev.sts.support.InfrastructureFailures;
import dev.sts.support.RedisTokenBuckets;
import io.quarkus.redis.datasource.RedisDataSource;
import dev.sts.token.config.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The STS Query API: the core pipeline with this service's actions. */
@ApplicationScoped
public class StsPipelineProducer {
    @Produces
    @Singleton
    QueryRequestPipeline stsPipeline(TokenServiceConfig config, RequestAuthenticator authenticator, AuditPublisher audit,
                                     Clock clock, Instance<QueryAction> actions, TokenBuckets buckets) {
        // What each kind of credential may call comes first (a GetFederationToken session may call nothing but
        // GetCallerIdentity, ...); then every call is throttled per account and action; beyond that each action
        // checks its own rules (GetCallerIdentity is never denied; AssumeRole asks the trust policy; ...).
        ActionAuthorizer authorizer = new RateLimitingAuthorizer(rateLimits(config.rateLimit(), buckets),
                ActionAuthorizer.ALLOW_AUTHENTICATED);
        return new QueryRequestPipeline(QueryApi.sts(config.region()), authenticator, CredentialTypeRules.aws(),
                authorizer, audit,
                new InfrastructureFailures(), clock, actions.stream().toList());
    }

    @Produces
    @Singleton
    TokenBuckets tokenBuckets(TokenServiceConfig config, Instance<RedisDataSource> redis, Clock clock) {
        return config.store() == TokenServiceConfig.StoreKind.memory ? new InMemoryTokenBuckets(clock)
                : new RedisTokenBuckets(redis.get());
    }

    private static RateLimits rateLimits(TokenServiceConfig.RateLimit config, TokenBuckets buckets) {
        Map<String, RateLimit> perAction = new HashMap<>();
        config.actions().forEach((action, limit) -> perAction.put(action, new RateLimit(limit.requestsPerSecond(), limit.burst())));
        return new RateLimits(buckets, new RateLimit(config.requestsPerSecond(), config.burst()), perAction);
    }
}

package dev.sts.policy.config;

import dev.sts.core.api.ActionAuthorizer;
import dev.sts.core.api.QueryApi;
import dev.sts.core.api.QueryRequestPipeline;
import dev.sts.core.auth.CredentialTypeRules;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.iam.IamSigningKeyDirectory;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.PolicyGrammar;
import dev.sts.core.port.TokenBuckets;
import dev.sts.core.ratelimit.RateLimit;
import dev.sts.core.ratelimit.RateLimitingAuthorizer;
import dev.sts.core.ratelimit.RateLimits;
import dev.sts.core.store.InMemoryTokenBuckets;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import dev.sts.policy.action.IamActionCatalog;
import dev.sts.policy.messaging.KafkaAuditPublisher;
import dev.sts.policy.service.IamCallAuthorizer;
import dev.sts.support.InfrastructureFailures;
import dev.sts.support.RedisTokenBuckets;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The IAM Query API: the core pipeline, authenticating with this service's own IAM state (no remote
 * lookup for long-term keys) and the shared session-token key ring, refusing the credentials AWS never lets
 * call IAM (GetSessionToken without MFA, GetFederationToken: {@link CredentialTypeRules}), and authorizing every
 * other call against the caller's policies.
 */
@ApplicationScoped
public class IamPipelineProducer {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    IamRules iamRules(PolicyGrammar grammar) {
        return new IamRules(grammar);
    }

    @Produces
    @Singleton
    @IamEndpoint
    QueryRequestPipeline iamPipeline(PolicyServiceConfig config, IamRepository iam, IamCallAuthorizer authorizer,
                                     KafkaAuditPublisher audit, IamActionCatalog catalog, RevocationList revocations,
                                     Clock clock, TokenBuckets buckets) {
        QueryApi api = QueryApi.iam();
        RequestAuthenticator authenticator = new RequestAuthenticator(new SigV4Verifier(clock, api.region()),
                new SessionTokenCodec(TokenKeyRing.parse(config.tokenKeys())),
                new IamSigningKeyDirectory(iam), revocations, clock, api.signingName());
        // Every call is throttled per account and action, as STS calls are, before its policies are asked.
        ActionAuthorizer throttled = new RateLimitingAuthorizer(rateLimits(config.iamRateLimit(), buckets), authorizer);
        return new QueryRequestPipeline(api, authenticator, CredentialTypeRules.aws(), throttled, audit,
                new InfrastructureFailures(), clock, catalog.actions());
    }

    @Produces
    @Singleton
    TokenBuckets tokenBuckets(PolicyServiceConfig config, Instance<RedisDataSource> redis, Clock clock) {
        return config.store() == PolicyServiceConfig.StoreKind.memory ? new InMemoryTokenBuckets(clock)
                : new RedisTokenBuckets(redis.get());
    }

    private static RateLimits rateLimits(PolicyServiceConfig.IamRateLimit config, TokenBuckets buckets) {
        Map<String, RateLimit> perAction = new HashMap<>();
        config.actions().forEach((action, limit) -> perAction.put(action, new RateLimit(limit.requestsPerSecond(), limit.burst())));
        return new RateLimits(buckets, new RateLimit(config.requestsPerSecond(), config.burst()), perAction, "iam:rate:");
    }
}

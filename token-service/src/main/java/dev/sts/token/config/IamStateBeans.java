package dev.sts.token.config;

import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.authz.PolicyDocumentCache;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.PolicyEvaluator;
import dev.sts.core.mfa.MfaVerification;
import dev.sts.core.policy.TrustEvaluator;
import dev.sts.core.port.UsedCodeStore;
import dev.sts.core.store.CachingKeyValueStore;
import dev.sts.core.store.InMemoryUsedCodeStore;
import dev.sts.core.sts.RoleAssumption;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.support.RedisUsedCodeStore;
import jakarta.enterprise.inject.Instance;
import dev.sts.support.RedisKeyValueStore;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * token-service's read-only view of IAM state (roles, users, policies, MFA devices), for decisions it
 * makes itself (AssumeRole's trust evaluation). policy-service owns and writes that state in Redis;
 * this view reads it through the same core repository, cached in memory, and every change announced
 * on {@code iam.changes.v1} clears the cache, so decisions follow changes within moments.
 */
@ApplicationScoped
public class IamStateBeans {
    /** Documents and index sets kept in memory; far above the IAM state of a large organisation's hot set. */
    private static final int CACHED_ENTRIES = 200_000;
    /** Bytes of parsed policy documents kept (an estimate of what they retain, see PolicyDocumentCache): 32 MB. */
    private static final long PARSED_POLICIES = 32L << 20;

    @Produces
    @Singleton
    CachingKeyValueStore iamStateCache(RedisDataSource redis) {
        return new CachingKeyValueStore(new RedisKeyValueStore(redis), CACHED_ENTRIES);
    }

    @Produces
    @Singleton
    IamRepository iamView(CachingKeyValueStore iamStateCache) {
        return new IamRepository(iamStateCache);
    }

    @Produces
    @Singleton
    PolicyEvaluator policyEvaluator() {
        return new DefaultPolicyEvaluator();
    }

    /** One cache of parsed policies for both sides of AssumeRole: the caller's policies and the role's trust policy. */
    @Produces
    @Singleton
    PolicyDocumentCache parsedPolicies() {
        return new PolicyDocumentCache(PARSED_POLICIES);
    }

    @Produces
    @Singleton
    PrincipalPolicies principalPolicies(IamRepository iamView, PolicyDocumentCache parsedPolicies) {
        return new PrincipalPolicies(iamView, parsedPolicies);
    }

    @Produces
    @Singleton
    CallerAuthorization callerAuthorization(PrincipalPolicies policies, PolicyEvaluator evaluator, Clock clock) {
        return new CallerAuthorization(policies, evaluator, clock);
    }

    @Produces
    @Singleton
    UsedCodeStore usedCodeStore(TokenServiceConfig config, Instance<RedisDataSource> redis) {
        return config.store() == TokenServiceConfig.StoreKind.memory ? new InMemoryUsedCodeStore()
                : new RedisUsedCodeStore(redis.get());
    }

    @Produces
    @Singleton
    MfaVerification mfaVerification(IamRepository iamView, UsedCodeStore usedCodes, Clock clock) {
        return new MfaVerification(iamView, usedCodes, clock);
    }

    @Produces
    @Singleton
    RoleAssumption roleAssumption(PolicyEvaluator evaluator, PolicyDocumentCache parsedPolicies, SessionTokenCodec codec,
                                  Clock clock, TokenServiceConfig config) {
        return new RoleAssumption(new TrustEvaluator(evaluator), parsedPolicies, codec, clock, config.region());
    }
}

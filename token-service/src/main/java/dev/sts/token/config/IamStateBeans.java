package dev.sts.token.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.authz.PolicyDocumentCache;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.SecretlessKeyValueStore;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.PolicyEvaluator;
import dev.sts.core.mfa.MfaLockout;
import dev.sts.core.mfa.MfaVerification;
import dev.sts.core.port.MfaFailureCounter;
import dev.sts.core.store.InMemoryMfaFailureCounter;
import dev.sts.support.RedisMfaFailureCounter;
import dev.sts.core.policy.TrustEvaluator;
import dev.sts.core.port.UsedCodeStore;
import dev.sts.core.store.CachingKeyValueStore;
import dev.sts.core.store.InMemoryUsedCodeStore;
import dev.sts.core.sts.RoleAssumption;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.support.RedisUsedCodeStore;
import dev.sts.token.client.PolicyServiceClient;
import dev.sts.token.client.PolicyServiceMfaCodeChecker;
import jakarta.enterprise.inject.Instance;
import dev.sts.support.RedisKeyValueStore;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * token-service's read-only view of IAM state (accounts, roles, users, policies), for decisions it
 * makes itself (AssumeRole's trust evaluation). Access keys and MFA devices are not in it: the view refuses their
 * keys ({@link SecretlessKeyValueStore}); keys are resolved and MFA codes checked by policy-service. policy-service owns and writes that state in Redis;
 * this view reads it through the same core repository, cached in memory. Every change announced on
 * {@code iam.changes.v1} clears the cache, so decisions follow changes within moments; and every cached
 * record expires after {@code sts.iam-cache.max-staleness} regardless, so a lost event delays a change by
 * that long at most.
 */
@ApplicationScoped
public class IamStateBeans {
    /** Bytes of parsed policy documents kept (an estimate of what they retain, see PolicyDocumentCache): 32 MB. */
    private static final long PARSED_POLICIES = 32L << 20;

    @Produces
    @Singleton
    CachingKeyValueStore iamStateCache(RedisDataSource redis, TokenServiceConfig config) {
        return new CachingKeyValueStore(new SecretlessKeyValueStore(new RedisKeyValueStore(redis)), config.iamCache().maxStaleness(),
                config.iamCache().maxBytes());
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

    /** Failure counts per MFA device, in Redis so that every instance counts towards the same lockout. */
    @Produces
    @Singleton
    MfaFailureCounter mfaFailureCounter(TokenServiceConfig config, Instance<RedisDataSource> redis, Clock clock) {
        return config.store() == TokenServiceConfig.StoreKind.memory ? new InMemoryMfaFailureCounter(clock)
                : new RedisMfaFailureCounter(redis.get());
    }

    @Produces
    @Singleton
    MfaVerification mfaVerification(PolicyServiceClient policyService, ObjectMapper json, UsedCodeStore usedCodes,
                                    MfaFailureCounter failures, TokenServiceConfig config) {
        MfaLockout lockout = new MfaLockout(config.mfa().maxFailures(), config.mfa().lockoutWindow());
        return new MfaVerification(new PolicyServiceMfaCodeChecker(policyService, json), usedCodes, failures, lockout);
    }

    @Produces
    @Singleton
    RoleAssumption roleAssumption(PolicyEvaluator evaluator, PolicyDocumentCache parsedPolicies, SessionTokenCodec codec,
                                  Clock clock, TokenServiceConfig config) {
        return new RoleAssumption(new TrustEvaluator(evaluator), parsedPolicies, codec, clock, config.region());
    }
}

package dev.sts.policy.config;

import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.authz.IamActionContext;
import dev.sts.core.authz.PolicyDocumentCache;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.PolicyGrammar;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.PolicyEvaluator;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicyParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The core's policy engine, wired: the grammar IAM checks documents with, the evaluator, and who may do what. */
@ApplicationScoped
public class PolicyEngineBeans {
    /** Bytes of parsed policy documents kept (an estimate of what they retain, see PolicyDocumentCache): 32 MB. */
    private static final long PARSED_POLICY_CACHE = 32L << 20;

    @Produces
    @Singleton
    PolicyGrammar policyGrammar() {
        return (json, kind) -> PolicyParser.parse(json,
                kind == PolicyGrammar.DocumentKind.TRUST ? PolicyKind.TRUST : PolicyKind.IDENTITY);
    }

    @Produces
    @Singleton
    PolicyEvaluator policyEvaluator() {
        return new DefaultPolicyEvaluator();
    }

    @Produces
    @Singleton
    PrincipalPolicies principalPolicies(IamRepository iam) {
        return new PrincipalPolicies(iam, new PolicyDocumentCache(PARSED_POLICY_CACHE));
    }

    @Produces
    @Singleton
    CallerAuthorization callerAuthorization(PrincipalPolicies policies, PolicyEvaluator evaluator, Clock clock) {
        return new CallerAuthorization(policies, evaluator, clock);
    }

    @Produces
    @Singleton
    IamActionContext iamActionContext(IamRepository iam) {
        return new IamActionContext(iam);
    }
}

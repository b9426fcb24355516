package dev.sts.core.policy;

import dev.sts.core.arn.Arn;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides {@code sts:AssumeRole}, {@code sts:AssumeRoleWithSAML}, {@code sts:AssumeRoleWithWebIdentity},
 * {@code sts:TagSession} and {@code sts:SetSourceIdentity} against a role's trust policy, which is the
 * resource policy of those actions on the role.
 *
 * <p>Everything {@link DefaultPolicyEvaluator} does applies, plus the rule that makes trust policies an
 * exception among resource policies (AWS "Policy evaluation logic": "IAM role trust policies and KMS key
 * policies are exceptions to this logic, because they must explicitly allow access for principals"): the
 * trust policy itself must have an applying Allow for the caller, even in the same account. So, in the
 * role's account, a trust policy naming the caller's ARN (user or session) suffices; naming the account
 * ({@code …:root} or the id) delegates to the caller's identity policies, which must allow the action on
 * the role; across accounts both the trust policy and the caller's identity side are needed.
 */
public final class TrustEvaluator {
    private final PolicyEvaluator evaluator;

    public TrustEvaluator(PolicyEvaluator evaluator) {
        this.evaluator = Objects.requireNonNull(evaluator);
    }

    /**
     * @param request the request; its resource is taken to be {@code roleArn}, and its resource account,
     *                when absent, the role's account
     */
    public Decision evaluate(PolicyDocument trustPolicy, String roleArn, List<NamedPolicy> callerIdentityPolicies,
                             Optional<NamedPolicy> callerBoundary, Optional<List<NamedPolicy>> callerSessionPolicies,
                             RequestContext request) {
        RequestContext onRole = onRole(request, roleArn);
        NamedPolicy trust = new NamedPolicy(roleArn, PolicyType.RESOURCE, trustPolicy);
        Decision decision = evaluator.evaluate(
                new PolicySet(callerIdentityPolicies, callerBoundary, callerSessionPolicies, Optional.of(trust)), onRole);
        if (decision.outcome() == Decision.Outcome.ALLOWED
                && decision.decidingStatements().stream().noneMatch(s -> grantsTrust(s, trustPolicy))) {
            return new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(), decision.missingContextKeys(), decision.errors());
        }
        return decision;
    }

    /**
     * Whether a deciding statement is a trust grant: an Allow of the trust policy that names its principals.
     * The parser refuses NotPrincipal in trust policies, but a document parsed as a resource policy (or stored
     * before that rule) may still hold one; an Allow with NotPrincipal would trust everyone not listed, so it
     * never counts (fail closed). A Deny with NotPrincipal still applies.
     */
    private static boolean grantsTrust(DecidingStatement deciding, PolicyDocument trustPolicy) {
        if (deciding.policyType() != PolicyType.RESOURCE) {
            return false;
        }
        List<Statement> statements = trustPolicy.statements();
        int index = deciding.statementIndex();
        return index >= 0 && index < statements.size() && !statements.get(index).notPrincipal();
    }

    /**
     * The request with the role as its resource. One that already names the role and an account (as AssumeRole
     * builds it, for up to three checks per call) is taken as it is: rebuilding would copy every key into an
     * equal request.
     */
    private static RequestContext onRole(RequestContext request, String roleArn) {
        if (request.resource().equals(roleArn) && request.resourceAccount().isPresent()) {
            return request;
        }
        return request.toBuilder()
                .resource(roleArn)
                .resourceAccount(request.resourceAccount().or(() -> accountOf(roleArn)))
                .build();
    }

    private static Optional<String> accountOf(String roleArn) {
        try {
            String account = Arn.parse(roleArn).account();
            return account.isEmpty() ? Optional.empty() : Optional.of(account);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

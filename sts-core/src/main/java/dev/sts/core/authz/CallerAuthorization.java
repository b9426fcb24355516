package dev.sts.core.authz;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.policy.Decision;
import dev.sts.core.policy.NamedPolicy;
import dev.sts.core.policy.PolicyEvaluator;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.PolicyType;
import dev.sts.core.policy.RequestContext;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Whether an authenticated caller may perform an action on a resource. An account root may do anything
 * in its own account; otherwise the caller's identity-side policies (within its boundary) decide, together
 * with the resource's policy when it has one and when the resource is in another account. Sessions are
 * judged by their role's (or issuing user's) policies intersected with their session policies.
 */
public final class CallerAuthorization {
    private final PrincipalPolicies policies;
    private final PolicyEvaluator evaluator;
    private final Clock clock;

    public CallerAuthorization(PrincipalPolicies policies, PolicyEvaluator evaluator, Clock clock) {
        this.policies = policies;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    public Decision decide(AuthenticatedCaller caller, AuthorizationQuery query) {
        CallerIdentity identity = caller.identity();
        String resourceAccount = query.resourceAccount().orElse(identity.account());
        if (identity.isRoot() && resourceAccount.equals(identity.account())) {
            return new Decision(Decision.Outcome.ALLOWED, List.of(), List.of(), List.of());
        }
        Optional<String> sessionIssuer = caller.session().flatMap(SessionClaims::context).map(SessionContext::issuerArn);
        RequestContext.Builder context = CallerContext.of(caller, sessionIssuer, query.action(), query.resource(),
                resourceAccount, query.sourceIp(), clock.instant());
        // Derived keys always win: a supplied key the platform derives is dropped, and the action's own keys
        // (derived from the request and IAM state) may not name the caller's global keys either.
        query.context().forEach((key, values) -> {
            if (!DerivedConditionKeys.isDerivedFor(query.action(), key)) {
                context.conditionKey(key, values);
            }
        });
        query.actionKeys().forEach((key, values) -> {
            if (!DerivedConditionKeys.describesCaller(key)) {
                context.conditionKey(key, values);
            }
        });
        policies.tagsOf(caller).forEach(tag -> context.conditionKey("aws:PrincipalTag/" + tag.key(), tag.value()));
        Optional<NamedPolicy> resourcePolicy = query.resourcePolicy()
                .map(json -> policies.inputPolicy("resource-policy", json, PolicyType.RESOURCE));
        // A principal deleted since it authenticated may do nothing.
        PolicySet identitySide = policies.ofCaller(caller).orElse(PolicySet.ofIdentity(List.of()));
        PolicySet set = new PolicySet(identitySide.identityPolicies(), identitySide.permissionsBoundary(),
                identitySide.sessionPolicies(), resourcePolicy);
        return evaluator.evaluate(set, context.build());
    }

    /** @throws StsException AccessDenied, worded as AWS words it, when the decision is not an allow */
    public void require(AuthenticatedCaller caller, String action, String resource, String sourceIp) {
        require(caller, AuthorizationQuery.of(action, resource, sourceIp));
    }

    /** @throws StsException AccessDenied, worded as AWS words it, when the decision on the query is not an allow */
    public void require(AuthenticatedCaller caller, AuthorizationQuery query) {
        Decision decision = decide(caller, query);
        if (!decision.allowed()) {
            throw new StsException(StsErrorCode.ACCESS_DENIED, AccessDeniedMessage.of(caller.identity(), query.action(),
                    query.resource(), decision));
        }
    }
}

package dev.sts.core.policy;

import java.util.List;

/**
 * IAM's policy evaluation logic, for one account or across two. The checklist, in order:
 *
 * <ol>
 *   <li><b>Applicable statements.</b> A statement applies when its Action/NotAction covers the action, its
 *       Principal/NotPrincipal names the principal (resource policies only: a resource-policy statement must
 *       name one), its Resource/NotResource covers the resource (absent in a resource or trust policy = the
 *       resource itself), and its Condition block holds. A part the engine cannot decide (a request value of
 *       the wrong type for a Date, Numeric, Bool, Binary, IP or ARN operator; a policy variable with no value
 *       and no default) fails closed: such an Allow never applies, such a Deny does, and
 *       {@link Decision#errors()} says why.</li>
 *   <li><b>Explicit deny.</b> A Deny that applies in any policy — identity, permissions boundary, session or
 *       resource — decides EXPLICIT_DENY, listing every such Deny.</li>
 *   <li><b>Identity side.</b> It allows when an identity policy Allow applies (the root user needs none:
 *       "all requests are implicitly denied with the exception of the AWS account root user"), <i>and</i>
 *       the permissions boundary, if present, has an applying Allow, <i>and</i> the session policies, if
 *       present, have an applying Allow (intersection, even when they allow nothing). A federated-user
 *       session (GetFederationToken) with no session policy has no permissions; a role session without one
 *       keeps its role's.</li>
 *   <li><b>Same account</b> (no resource account, or the principal's own). Allowed when the identity side
 *       allows, or a resource-policy Allow applies and its Principal (AWS "Policy evaluation logic",
 *       "Resource-based policies" step):
 *       <ul>
 *         <li>names the principal itself — the user's ARN, the role session's ARN, the federated user's ARN,
 *             or {@code "*"} — which grants by itself: "an implicit deny in an identity-based policy, a
 *             permissions boundary, or a session policy does not impact the final decision";</li>
 *         <li>names the session's issuer — the role ARN of a role session, the IAM user of a federated user —
 *             which grants only within the boundary and session policies ("limited by an implicit deny in a
 *             permissions boundary or session policy");</li>
 *         <li>names the account ({@code 111122223333} or {@code …:root}), which delegates to the identity side
 *             and adds nothing by itself.</li>
 *       </ul></li>
 *   <li><b>Cross account</b> (the resource account differs from the principal's): both the identity side and a
 *       resource-policy Allow naming the principal in any of those ways are needed (AWS "Cross-account
 *       policy evaluation logic").</li>
 *   <li><b>Principals without an account</b> (services, identity-provider callers, anonymous): only a
 *       resource-policy Allow naming them directly grants anything.</li>
 *   <li>Otherwise IMPLICIT_DENY.</li>
 * </ol>
 *
 * <p>{@link Decision#decidingStatements()} lists, for ALLOWED, the identity Allows (when the identity side
 * decided) and the resource-policy Allows that granted; {@link Decision#missingContextKeys()} lists the
 * keys read by statements whose action, principal and resource matched but absent from the request.
 * AWS Organizations SCPs and RCPs are not modelled. Evaluating a parsed {@link PolicySet} does no JSON work
 * and allocates little; the evaluator is stateless and thread-safe.
 */
public final class DefaultPolicyEvaluator implements PolicyEvaluator {

    /** Never throws: anything unexpected becomes an IMPLICIT_DENY whose errors say what happened. */
    @Override
    public Decision evaluate(PolicySet policies, RequestContext request) {
        try {
            return new PolicyEvaluation(policies, request).decide();
        } catch (RuntimeException | StackOverflowError e) {
            return new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(), List.of(),
                    List.of("evaluation failed: " + e.getClass().getSimpleName()));
        }
    }
}

package dev.sts.core.policy;

/** Decides a request against the policies that apply to it. */
public interface PolicyEvaluator {
    /**
     * Never throws for any parsed policy and any context: errors found while evaluating are reported inside
     * the {@link Decision}, and the statements they affect fail closed.
     */
    Decision evaluate(PolicySet policies, RequestContext request);
}

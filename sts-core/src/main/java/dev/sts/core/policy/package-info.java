/**
 * The IAM policy language and its evaluator. {@link dev.sts.core.policy.PolicyParser} turns a JSON document
 * into a {@link dev.sts.core.policy.PolicyDocument} (strictly: unknown elements, bad values and hostile
 * shapes are {@code MalformedPolicyDocument}) whose statements carry pre-compiled matchers — globs matched in
 * linear time, CIDRs, dates, numbers, policy-variable templates — so that
 * {@link dev.sts.core.policy.DefaultPolicyEvaluator} decides a {@link dev.sts.core.policy.RequestContext}
 * against a {@link dev.sts.core.policy.PolicySet} (identity policies, permissions boundary, session policies,
 * resource policy) with no JSON work, returning a {@link dev.sts.core.policy.Decision} value rather than
 * throwing; its class comment is the evaluation checklist. {@link dev.sts.core.policy.TrustEvaluator} applies
 * the same logic to a role's trust policy for {@code sts:AssumeRole*}. The sub-packages {@code match}
 * (wildcards, ARNs, IP ranges), {@code variable} ({@code ${...}} templates) and {@code condition} (operators
 * and their values) are the evaluator's internals; depend on this package's types.
 */
package dev.sts.core.policy;

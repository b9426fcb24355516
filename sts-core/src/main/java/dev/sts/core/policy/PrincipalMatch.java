package dev.sts.core.policy;

/**
 * How a statement's Principal names the request principal, which decides what a resource-policy Allow
 * is worth (see {@link DefaultPolicyEvaluator}).
 */
enum PrincipalMatch {
    /** The statement has no Principal/NotPrincipal element. */
    ABSENT,
    /** The statement does not apply to this principal. */
    NONE,
    /** Names the principal's account ({@code 111122223333} or {@code arn:aws:iam::111122223333:root}): delegates to identity policies. */
    ACCOUNT,
    /** Names the session's issuer: the role ARN of a role session, the IAM user of a federated user. */
    ISSUER,
    /** Names the principal itself: its own ARN, {@code "*"}, its service or identity provider, or excludes it not (NotPrincipal). */
    DIRECT
}

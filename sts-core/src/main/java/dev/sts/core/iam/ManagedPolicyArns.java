package dev.sts.core.iam;

import dev.sts.core.arn.Arn;

/**
 * Which managed policies an account may use: its own customer managed policies and AWS managed ones
 * ({@code arn:aws:iam::aws:policy/…}), never another account's. Attaching, a permissions boundary and a
 * session's {@code PolicyArns} all follow this rule; IAM answers another account's policy as it answers a
 * missing one ({@link IamRepository#noSuchPolicy}), so its existence does not leak.
 */
public final class ManagedPolicyArns {
    private ManagedPolicyArns() {
    }

    /** Whether the policy ARN may be used in the account: an AWS managed policy, or a policy of that account. */
    public static boolean attachableIn(String account, String policyArn) {
        Arn arn;
        try {
            arn = Arn.parse(policyArn);
        } catch (RuntimeException malformed) {
            return false;
        }
        return arn.service().equals("iam") && arn.resourceType().equals("policy")
                && (ManagedPolicy.AWS_ACCOUNT.equals(arn.account()) || arn.account().equals(account));
    }

    /** The managed policy, when it may be used in the account. */
    public static boolean attachableIn(String account, ManagedPolicy policy) {
        return policy.awsManaged() || policy.account().equals(account);
    }
}

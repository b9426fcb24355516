package dev.sts.core.iam;

import java.util.Locale;
import java.util.Objects;

/**
 * Which managed policies an account may use: its own customer managed policies and AWS managed ones
 * ({@code arn:aws:iam::aws:policy/…}), never another account's, whether to attach them, to make them a permissions
 * boundary, or to pass them as session policies ({@code PolicyArns}). A policy of another account is answered as
 * one that does not exist, so the answer says nothing about what other accounts hold.
 */
public final class ManagedPolicyArns {
    private ManagedPolicyArns() {
    }

    /**
     * Whether {@code policyArn} names a managed policy {@code account} may use: an AWS managed policy, or one of the
     * account's own. An ARN that is not an IAM policy ARN is usable by no one.
     *
     * @param policyArn the ARN as the request names it
     * @param account   the account that would use the policy: for a session policy, the session's account (the
     *                  role's for AssumeRole, the caller's for GetFederationToken); for attach and boundary, the
     *                  account of the user or role
     */
    public static boolean usableIn(String policyArn, String account) {
        Objects.requireNonNull(policyArn, "policyArn");
        Objects.requireNonNull(account, "account");
        String[] parts = policyArn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || !parts[3].isEmpty()
                || !parts[5].startsWith("policy/")) {
            return false;
        }
        String owner = parts[4];
        // AWS managed policies are found whatever the case of "aws" (AwsManagedPolicies looks them up that way).
        return owner.toLowerCase(Locale.ROOT).equals(ManagedPolicy.AWS_ACCOUNT) || owner.equals(account);
    }

    /** Whether {@code policy}, as found, may be used by {@code account}: AWS managed, or the account's own. */
    public static boolean usableIn(ManagedPolicy policy, String account) {
        Objects.requireNonNull(policy, "policy");
        return policy.awsManaged() || policy.account().equals(account);
    }
}

package dev.sts.core.identity;

import dev.sts.core.arn.Arn;

import java.util.Objects;

/**
 * Who signed a request: what GetCallerIdentity answers and what every decision is made about.
 *
 * @param account  the 12-digit account the principal lives in
 * @param arn      the principal's ARN (for a session, the session's ARN, not the role's)
 * @param userId   GetCallerIdentity's UserId: the account id for a root, AIDA… for a user, AROA…:session for a role session
 * @param type     the kind of principal
 * @param name     the user name, role session name or federated user name; null for a root
 */
public record CallerIdentity(String account, String arn, String userId, PrincipalType type, String name) {
    public CallerIdentity {
        Objects.requireNonNull(account);
        Objects.requireNonNull(arn);
        Objects.requireNonNull(userId);
        Objects.requireNonNull(type);
    }

    public static CallerIdentity root(String account) {
        return new CallerIdentity(account, Arn.iam(account, "root").toString(), account, PrincipalType.ROOT, null);
    }

    public static CallerIdentity user(String account, String path, String userName, String userId) {
        return new CallerIdentity(account, Arn.iam(account, "user" + path + userName).toString(), userId,
                PrincipalType.IAM_USER, userName);
    }

    public boolean isRoot() {
        return type == PrincipalType.ROOT;
    }
}

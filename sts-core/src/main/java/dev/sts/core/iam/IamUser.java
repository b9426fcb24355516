package dev.sts.core.iam;

import dev.sts.core.arn.Arn;
import dev.sts.core.identity.CallerIdentity;

import java.time.Instant;

/** An IAM user: a named principal in one account that may hold long-term access keys. */
public record IamUser(String account, String userName, String path, String userId, Instant createDate) {
    public String arn() {
        return Arn.iam(account, "user" + path + userName).toString();
    }

    public CallerIdentity asCaller() {
        return CallerIdentity.user(account, path, userName, userId);
    }
}

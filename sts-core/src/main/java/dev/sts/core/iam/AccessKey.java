package dev.sts.core.iam;

import java.time.Instant;

/**
 * A long-term access key as IAM stores it.
 *
 * @param userName null when the key belongs to the account root
 */
public record AccessKey(String accessKeyId, String secretAccessKey, Status status, String account, String userName,
                        Instant createDate) {
    public enum Status { Active, Inactive }

    public boolean belongsToRoot() {
        return userName == null;
    }

    @Override
    public String toString() {
        return "AccessKey[accessKeyId=" + accessKeyId + ", status=" + status + ", account=" + account
                + ", userName=" + userName + "]";
    }
}

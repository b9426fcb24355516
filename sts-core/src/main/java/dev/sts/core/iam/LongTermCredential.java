package dev.sts.core.iam;

import dev.sts.core.identity.CallerIdentity;

/**
 * A long-term access key as a verifier needs it: its secret, whether it may be used, and whose it is.
 *
 * @param accessKeyId     the AKIA… id
 * @param secretAccessKey the secret that signs requests
 * @param active          false once the key was set Inactive: it then authenticates nothing
 * @param owner           the user (or account root) the key belongs to
 */
public record LongTermCredential(String accessKeyId, String secretAccessKey, boolean active, CallerIdentity owner) {
    @Override
    public String toString() {
        return "LongTermCredential[accessKeyId=" + accessKeyId + ", active=" + active + ", owner=" + owner.arn() + "]";
    }
}

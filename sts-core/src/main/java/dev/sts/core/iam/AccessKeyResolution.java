package dev.sts.core.iam;

import dev.sts.core.crypto.SecretSealer;
import dev.sts.core.identity.CallerIdentity;

import java.util.Optional;

/** Turns a stored access key into the credential a verifier needs, resolving its owner. */
public final class AccessKeyResolution {
    private AccessKeyResolution() {
    }

    /**
     * Empty when the key is unknown, its owner no longer exists, or its secret is still sealed (this repository
     * holds no key-encryption key that opens it): a sealed value is never a secret anyone may sign with.
     */
    public static Optional<LongTermCredential> resolve(IamRepository iam, String accessKeyId) {
        return iam.findAccessKey(accessKeyId).filter(key -> !SecretSealer.isSealed(key.secretAccessKey())).flatMap(key -> owner(iam, key)
                .map(owner -> new LongTermCredential(key.accessKeyId(), key.secretAccessKey(),
                        key.status() == AccessKey.Status.Active, owner)));
    }

    private static Optional<CallerIdentity> owner(IamRepository iam, AccessKey key) {
        if (key.belongsToRoot()) {
            return iam.findAccount(key.account()).map(account -> CallerIdentity.root(account.accountId()));
        }
        return iam.findUser(key.account(), key.userName()).map(IamUser::asCaller);
    }
}

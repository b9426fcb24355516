package dev.sts.core.iam;

import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.port.IamStore;

import java.util.Optional;

/** Turns a stored access key into the credential a verifier needs, resolving its owner. */
public final class AccessKeyResolution {
    private AccessKeyResolution() {
    }

    /** Empty when the key is unknown or its owner no longer exists. */
    public static Optional<LongTermCredential> resolve(IamStore store, String accessKeyId) {
        return store.findAccessKey(accessKeyId).flatMap(key -> owner(store, key)
                .map(owner -> new LongTermCredential(key.accessKeyId(), key.secretAccessKey(),
                        key.status() == AccessKey.Status.Active, owner)));
    }

    private static Optional<CallerIdentity> owner(IamStore store, AccessKey key) {
        if (key.belongsToRoot()) {
            return store.findAccount(key.account()).map(account -> CallerIdentity.root(account.accountId()));
        }
        return store.findUser(key.account(), key.userName()).map(IamUser::asCaller);
    }
}

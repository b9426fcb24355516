package dev.sts.policy.store;

import dev.sts.core.iam.AccessKey;
import dev.sts.core.iam.Account;
import dev.sts.core.iam.IamUser;
import dev.sts.core.port.IamStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** IAM state in this process only: the fallback when no Redis is available, and lost on restart. */
public final class InMemoryIamStore implements IamStore {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, IamUser> users = new ConcurrentHashMap<>();
    private final Map<String, AccessKey> accessKeys = new ConcurrentHashMap<>();

    @Override
    public boolean createAccount(Account account) {
        return accounts.putIfAbsent(account.accountId(), account) == null;
    }

    @Override
    public Optional<Account> findAccount(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public boolean createUser(IamUser user) {
        return users.putIfAbsent(RedisIamStore.userKey(user.account(), user.userName()), user) == null;
    }

    @Override
    public Optional<IamUser> findUser(String account, String userName) {
        return Optional.ofNullable(users.get(RedisIamStore.userKey(account, userName)));
    }

    @Override
    public boolean createAccessKey(AccessKey key) {
        return accessKeys.putIfAbsent(key.accessKeyId(), key) == null;
    }

    @Override
    public Optional<AccessKey> findAccessKey(String accessKeyId) {
        return Optional.ofNullable(accessKeys.get(accessKeyId));
    }
}

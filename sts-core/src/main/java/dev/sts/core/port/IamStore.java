package dev.sts.core.port;

import dev.sts.core.iam.AccessKey;
import dev.sts.core.iam.Account;
import dev.sts.core.iam.IamUser;

import java.util.Optional;

/** Where IAM state lives. Creations are atomic and refuse to overwrite: they answer false if the entity exists. */
public interface IamStore {
    boolean createAccount(Account account);

    Optional<Account> findAccount(String accountId);

    boolean createUser(IamUser user);

    Optional<IamUser> findUser(String account, String userName);

    boolean createAccessKey(AccessKey key);

    Optional<AccessKey> findAccessKey(String accessKeyId);
}

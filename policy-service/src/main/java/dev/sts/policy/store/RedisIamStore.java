package dev.sts.policy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.iam.AccessKey;
import dev.sts.core.iam.Account;
import dev.sts.core.iam.IamUser;
import dev.sts.core.port.IamStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

import java.util.Optional;

/**
 * IAM state in Redis, one JSON document per entity. Creation uses SET NX, so two instances seeding
 * the same bootstrap file at once cannot overwrite each other.
 */
public final class RedisIamStore implements IamStore {
    private final ValueCommands<String, String> values;
    private final ObjectMapper json;

    public RedisIamStore(RedisDataSource redis, ObjectMapper json) {
        this.values = redis.value(String.class);
        this.json = json;
    }

    static String accountKey(String accountId) {
        return "iam:account:" + accountId;
    }

    static String userKey(String account, String userName) {
        return "iam:user:" + account + ":" + userName;
    }

    static String accessKeyKey(String accessKeyId) {
        return "iam:access-key:" + accessKeyId;
    }

    @Override
    public boolean createAccount(Account account) {
        return values.setnx(accountKey(account.accountId()), write(account));
    }

    @Override
    public Optional<Account> findAccount(String accountId) {
        return read(accountKey(accountId), Account.class);
    }

    @Override
    public boolean createUser(IamUser user) {
        return values.setnx(userKey(user.account(), user.userName()), write(user));
    }

    @Override
    public Optional<IamUser> findUser(String account, String userName) {
        return read(userKey(account, userName), IamUser.class);
    }

    @Override
    public boolean createAccessKey(AccessKey key) {
        return values.setnx(accessKeyKey(key.accessKeyId()), write(key));
    }

    @Override
    public Optional<AccessKey> findAccessKey(String accessKeyId) {
        return read(accessKeyKey(accessKeyId), AccessKey.class);
    }

    private String write(Object entity) {
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + entity.getClass().getSimpleName(), e);
        }
    }

    private <T> Optional<T> read(String key, Class<T> type) {
        String stored = values.get(key);
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt IAM record at " + key, e);
        }
    }
}

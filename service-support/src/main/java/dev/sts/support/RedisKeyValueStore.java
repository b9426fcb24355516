package dev.sts.support;

import dev.sts.core.port.KeyValueStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.set.SetCommands;
import io.quarkus.redis.datasource.value.ValueCommands;

import java.util.Optional;
import java.util.Set;

/**
 * {@link KeyValueStore} over Redis. The compound operations run as Lua scripts, which Redis executes
 * atomically, so a document and its index entry are created or removed together.
 * (All keys of one operation must live on one node: a Redis Cluster deployment needs hash tags.)
 */
public final class RedisKeyValueStore implements KeyValueStore {
    private static final String CREATE = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
              redis.call('SADD', KEYS[2], ARGV[2])
              return 1
            end
            return 0""";
    private static final String REPLACE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2])
              return 1
            end
            return 0""";
    private static final String DELETE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('DEL', KEYS[1])
              redis.call('SREM', KEYS[2], ARGV[2])
              return 1
            end
            return 0""";

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final SetCommands<String, String> sets;

    public RedisKeyValueStore(RedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.sets = redis.set(String.class);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public boolean create(String key, String value, String index, String member) {
        return eval(CREATE, key, index, value, member);
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        return eval(REPLACE, key, key, expected, value);
    }

    @Override
    public boolean delete(String key, String expected, String index, String member) {
        return eval(DELETE, key, index, expected, member);
    }

    @Override
    public Set<String> members(String index) {
        return sets.smembers(index);
    }

    @Override
    public void addMember(String index, String member) {
        sets.sadd(index, member);
    }

    @Override
    public void removeMember(String index, String member) {
        sets.srem(index, member);
    }

    private boolean eval(String script, String key1, String key2, String arg1, String arg2) {
        return redis.execute("EVAL", script, "2", key1, key2, arg1, arg2).toInteger() == 1;
    }
}

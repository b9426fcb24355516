package dev.sts.support;

import dev.sts.core.port.UsedCodeStore;
import io.quarkus.redis.datasource.RedisDataSource;

import java.time.Duration;

/** Used one-time codes in Redis: SET NX with an expiry, so the first instance to see a code wins it. */
public final class RedisUsedCodeStore implements UsedCodeStore {
    private final RedisDataSource redis;

    public RedisUsedCodeStore(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public boolean markUsed(String serialNumber, long step, Duration remember) {
        // Redis answers OK when it set the key, and nothing when NX found it already there.
        var reply = redis.execute("SET", "sts:mfa-used:" + serialNumber + ":" + step, "1", "NX", "EX",
                Long.toString(remember.toSeconds()));
        return reply != null && "OK".equals(reply.toString());
    }
}

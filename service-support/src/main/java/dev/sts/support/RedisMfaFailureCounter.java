package dev.sts.support;

import dev.sts.core.port.MfaFailureCounter;
import io.quarkus.redis.datasource.RedisDataSource;

import java.time.Duration;

/**
 * MFA failure counts in Redis, one counter per device under {@code sts:mfa-failures:SERIAL}, shared by every
 * instance. Each operation is one Lua script, so a burst of attempts from many instances counts exactly.
 */
public final class RedisMfaFailureCounter implements MfaFailureCounter {
    static final String KEY_PREFIX = "sts:mfa-failures:";
    /** INCR, and the window's expiry on the first count (or on a counter that somehow lost it). */
    private static final String COUNT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return n""";
    /** DECR that keeps the window's expiry and never goes below zero or recreates an ended window. */
    private static final String FORGIVE = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            if n > 0 then
              redis.call('DECR', KEYS[1])
            end
            return n""";

    private final RedisDataSource redis;

    public RedisMfaFailureCounter(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public long countAttempt(String serialNumber, Duration window) {
        return redis.execute("EVAL", COUNT, "1", KEY_PREFIX + serialNumber, Long.toString(window.toMillis())).toLong();
    }

    @Override
    public void forgive(String serialNumber) {
        redis.execute("EVAL", FORGIVE, "1", KEY_PREFIX + serialNumber);
    }
}

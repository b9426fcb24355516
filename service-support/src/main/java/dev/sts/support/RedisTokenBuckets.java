package dev.sts.support;

import dev.sts.core.port.TokenBuckets;
import dev.sts.core.ratelimit.RateLimit;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Token buckets in Redis, one hash per (account, action), refilled and taken from (several tokens at a time,
 * for leases) in one Lua script on Redis's own clock, so every instance shares the bucket and no two clocks
 * disagree. Idle buckets expire.
 */
public final class RedisTokenBuckets implements TokenBuckets {
    private static final String TAKE = """
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local wanted = tonumber(ARGV[3])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or burst
            local at = tonumber(state[2]) or now
            tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000000)
            local taken = math.min(wanted, math.floor(tokens))
            tokens = tokens - taken
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
            return taken""";

    private final RedisDataSource redis;

    public RedisTokenBuckets(RedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public int take(String key, RateLimit limit, int wanted) {
        return redis.execute("EVAL", TAKE, "1", key, Double.toString(limit.requestsPerSecond()),
                Integer.toString(limit.burst()), Integer.toString(wanted)).toInteger();
    }
}

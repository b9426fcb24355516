package dev.sts.support;

import dev.sts.core.port.RevocationStore;
import dev.sts.core.revocation.Revocation;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

import java.util.ArrayList;
import java.util.List;

/**
 * Revocations in Redis, one key each ({@code sts:revocation:role:arn:…}), expiring by themselves when the
 * longest session they can affect would have expired.
 */
public final class RedisRevocationStore implements RevocationStore {
    private static final String PREFIX = "sts:revocation:";

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;

    public RedisRevocationStore(RedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(String.class);
    }

    @Override
    public void save(Revocation revocation) {
        values.set(PREFIX + revocation.key(), revocation.toJson(), new SetArgs().exAt(revocation.expiresAt()));
    }

    @Override
    public List<Revocation> all() {
        List<Revocation> found = new ArrayList<>();
        var keys = redis.key(String.class).scan(new KeyScanArgs().match(PREFIX + "*").count(1000));
        while (keys.hasNext()) {
            for (String key : keys.next()) {
                String json = values.get(key);
                if (json != null) {
                    Revocation.fromJson(json).ifPresent(found::add);
                }
            }
        }
        return found;
    }
}

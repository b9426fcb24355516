package dev.sts.support;

import dev.sts.core.port.RevocationStore;
import dev.sts.core.revocation.Revocation;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * Revocations in Redis, one key each ({@code sts:revocation:v2:role:arn:…}), expiring by themselves when the
 * longest session they can affect would have expired.
 * <p>
 * A write never weakens what is stored: one Lua script compares the stored record with the new one and keeps
 * the later cut-off and the later expiry ({@link Revocation#strongest}), atomically, so two instances revoking
 * the same target at once, or a record replayed late, can neither shorten nor undo a revocation. Records keep
 * their times as epoch milliseconds beside the JSON fields for that comparison. Records written before this
 * format (under {@code sts:revocation:} without {@code v2:}) are never overwritten: they are read until they
 * expire, and the list that loads them combines them with the newer ones.
 */
public final class RedisRevocationStore implements RevocationStore {
    private static final String SCAN_PREFIX = "sts:revocation:";
    static final String PREFIX = SCAN_PREFIX + "v2:";
    /**
     * KEYS[1] the record; ARGV[1] the new record's JSON, ARGV[2] its cut-off, ARGV[3] its expiry (epoch ms).
     * Answers 1 when the stored record got stronger, 0 when it already covered the new one.
     */
    static final String KEEP_STRONGEST = """
            local cut = tonumber(ARGV[2])
            local exp = tonumber(ARGV[3])
            local record = cjson.decode(ARGV[1])
            local current = redis.call('GET', KEYS[1])
            if current then
              local ok, old = pcall(cjson.decode, current)
              if ok and type(old) == 'table' and tonumber(old.issuedBeforeMs) and tonumber(old.expiresAtMs) then
                local oldCut = tonumber(old.issuedBeforeMs)
                local oldExp = tonumber(old.expiresAtMs)
                if oldCut >= cut and oldExp >= exp then
                  return 0
                end
                if oldCut > cut then
                  record.issuedBefore = old.issuedBefore
                  cut = oldCut
                end
                if oldExp > exp then
                  record.expiresAt = old.expiresAt
                  exp = oldExp
                end
              end
            end
            record.issuedBeforeMs = cut
            record.expiresAtMs = exp
            redis.call('SET', KEYS[1], cjson.encode(record), 'PXAT', exp)
            return 1""";

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;

    public RedisRevocationStore(RedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(String.class);
    }

    /** Stores the revocation, or makes the stored one of the same target as strong as both; never weakens it. */
    @Override
    public void save(Revocation revocation) {
        redis.execute(Command.EVAL, KEEP_STRONGEST, "1", PREFIX + revocation.key(), revocation.toJson(),
                Long.toString(revocation.issuedBefore().toEpochMilli()),
                Long.toString(revocation.expiresAt().toEpochMilli()));
    }

    @Override
    public List<Revocation> all() {
        List<Revocation> found = new ArrayList<>();
        var keys = redis.key(String.class).scan(new KeyScanArgs().match(SCAN_PREFIX + "*").count(1000));
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

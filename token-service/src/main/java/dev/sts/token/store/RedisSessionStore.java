package dev.sts.token.store;

import dev.sts.core.port.SessionStore;
import dev.sts.core.token.SessionClaims;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One Redis key per session, {@code sts:session:ASIA…}, expiring with the session itself.
 * The record says who and until when; it never holds the session's secret or token.
 */
public final class RedisSessionStore implements SessionStore {
    private final ValueCommands<String, String> values;

    public RedisSessionStore(RedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    public static String key(String accessKeyId) {
        return "sts:session:" + accessKeyId;
    }

    @Override
    public void record(SessionClaims session) {
        long ttl = Duration.between(Instant.now(), session.expiresAt()).toSeconds();
        if (ttl <= 0) {
            return;
        }
        values.setex(key(session.accessKeyId()), ttl, SessionRecordJson.of(session));
    }

    @Override
    public Optional<Instant> expiryOf(String accessKeyId) {
        return Optional.ofNullable(values.get(key(accessKeyId))).flatMap(SessionRecordJson::expiryOf);
    }

    @Override
    public Optional<String> accountOf(String accessKeyId) {
        return Optional.ofNullable(values.get(key(accessKeyId))).flatMap(SessionRecordJson::accountOf);
    }
}

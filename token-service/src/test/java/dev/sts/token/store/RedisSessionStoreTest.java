package dev.sts.token.store;

import dev.sts.deploy.RedisUsers;

import dev.sts.core.id.Identifiers;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.token.SessionClaims;
import dev.sts.testing.LocalInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Session records written off the request path, against the tests' own real Redis ({@link LocalInfrastructure}). */
class RedisSessionStoreTest {
    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        // As token-service connects: its own ACL user.
        redis = Redis.createClient(vertx, LocalInfrastructure.get().redisUrlFor(RedisUsers.TOKEN_SERVICE));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRecordLandsWithTheSessionsLifetimeAndNamesItsAccountAndExpiry() {
        RedisSessionStore store = new RedisSessionStore(redis, Clock.systemUTC());
        SessionClaims session = session(Duration.ofMinutes(15));
        store.record(session);
        await(() -> ttlMillis(session.accessKeyId()) > 0);
        assertThat(ttlMillis(session.accessKeyId())).isBetween(Duration.ofMinutes(14).toMillis(), Duration.ofMinutes(15).toMillis());
        assertThat(store.expiryOf(session.accessKeyId())).contains(session.expiresAt());
        assertThat(get(session.accessKeyId())).isEqualTo("111111111111");
        assertThat(store.expiryOf(Identifiers.newTemporaryAccessKeyId("111111111111"))).isEmpty();
    }

    @Test
    void aRecordNeverEndsBeforeItsSession() {
        RedisSessionStore store = new RedisSessionStore(redis, Clock.systemUTC());
        SessionClaims exact = session(Duration.ofMinutes(15));
        SessionClaims withMicros = withExpiry(session(Duration.ofMinutes(15)), exact.expiresAt().plusNanos(1_000));
        store.record(withMicros);
        await(() -> ttlMillis(withMicros.accessKeyId()) > 0);
        assertThat(store.expiryOf(withMicros.accessKeyId())).contains(exact.expiresAt().plusMillis(1));
        assertThat(RedisSessionStore.expiryMillis(exact.expiresAt())).isEqualTo(exact.expiresAt().toEpochMilli());
    }

    @Test
    void aRecordWrittenByAnEarlierVersionStillNamesItsExpiry() {
        RedisSessionStore store = new RedisSessionStore(redis, Clock.systemUTC());
        SessionClaims session = session(Duration.ofMinutes(15));
        // The earlier form: the session's details as JSON, expiring with the session (rolling upgrades, old data).
        send(Request.cmd(Command.SET).arg(RedisSessionStore.key(session.accessKeyId()))
                .arg("{\"account\":\"111111111111\",\"expiresAt\":\"" + session.expiresAt() + "\"}")
                .arg("PXAT").arg(session.expiresAt().toEpochMilli()));
        assertThat(store.expiryOf(session.accessKeyId())).contains(session.expiresAt());

        SessionClaims later = withExpiry(session, session.expiresAt().plus(Duration.ofHours(1)));
        store.record(later);
        await(() -> store.expiryOf(session.accessKeyId()).equals(Optional.of(later.expiresAt())));
    }

    @Test
    void recordsFromManyThreadsAllLand() throws Exception {
        RedisSessionStore store = new RedisSessionStore(redis, Clock.systemUTC());
        List<SessionClaims> sessions = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            sessions.add(session(Duration.ofMinutes(2)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        sessions.forEach(session -> threads.submit(() -> store.record(session)));
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        // The last one queued lands only after every batch before it.
        await(() -> sessions.stream().allMatch(session -> ttlMillis(session.accessKeyId()) > 0));
        assertThat(store.unwrittenRecords()).isZero();
    }

    @Test
    void aRepeatedKeyIdKeepsTheLaterExpiry() {
        RedisSessionStore store = new RedisSessionStore(redis, Clock.systemUTC());
        SessionClaims longer = session(Duration.ofHours(12));
        SessionClaims shorter = withKeyId(session(Duration.ofMinutes(15)), longer.accessKeyId());
        SessionClaims marker = session(Duration.ofMinutes(1));
        store.record(longer);
        store.record(shorter);
        store.record(marker);
        // Records land in the order they were queued: once the marker is there, so is everything before it.
        await(() -> ttlMillis(marker.accessKeyId()) > 0);
        assertThat(store.expiryOf(longer.accessKeyId())).contains(longer.expiresAt());

        SessionClaims longest = withKeyId(session(Duration.ofHours(36)), longer.accessKeyId());
        store.record(longest);
        await(() -> store.expiryOf(longer.accessKeyId()).equals(Optional.of(longest.expiresAt())));
        send(Request.cmd(Command.DEL).arg(RedisSessionStore.key(longer.accessKeyId())));
    }

    @Test
    void withRedisDownARecordIsCountedAsUnwrittenAndTheCallerGoesOn() {
        Redis unreachable = Redis.createClient(vertx, "redis://127.0.0.1:1");
        RedisSessionStore store = new RedisSessionStore(unreachable, Clock.systemUTC());
        store.record(session(Duration.ofMinutes(15)));
        store.record(session(Duration.ofMinutes(15)));
        await(() -> store.unwrittenRecords() == 2);
    }

    private static SessionClaims session(Duration lifetime) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new SessionClaims(Identifiers.newTemporaryAccessKeyId("111111111111"), Identifiers.newSecretAccessKey(),
                CallerIdentity.root("111111111111"), now, now.plus(lifetime), false, "us-east-1", "AKIADEVADMIN00000001");
    }

    private static SessionClaims withKeyId(SessionClaims claims, String accessKeyId) {
        return new SessionClaims(accessKeyId, claims.secretAccessKey(), claims.identity(), claims.issuedAt(),
                claims.expiresAt(), false, claims.issuingRegion(), claims.sourceAccessKeyId());
    }

    private static SessionClaims withExpiry(SessionClaims claims, Instant expiresAt) {
        return new SessionClaims(claims.accessKeyId(), claims.secretAccessKey(), claims.identity(), claims.issuedAt(),
                expiresAt, false, claims.issuingRegion(), claims.sourceAccessKeyId());
    }

    private static long ttlMillis(String accessKeyId) {
        return send(Request.cmd(Command.PTTL).arg(RedisSessionStore.key(accessKeyId))).toLong();
    }

    private static String get(String accessKeyId) {
        return send(Request.cmd(Command.GET).arg(RedisSessionStore.key(accessKeyId))).toString();
    }

    private static Response send(Request request) {
        return redis.send(request).toCompletionStage().toCompletableFuture().join();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

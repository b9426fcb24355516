package dev.sts.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failures the real Vert.x Redis client produces, classified: each unavailability is told from a defect.
 * Uses the machine's Redis on 127.0.0.1:6379 only for commands that change nothing.
 */
class InfrastructureFailuresTest {
    private static Vertx vertx;
    private final InfrastructureFailures failures = new InfrastructureFailures();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRefusedConnectionIsUnavailable() {
        Redis client = Redis.createClient(vertx, "redis://127.0.0.1:1");
        Throwable failure = failureOf(client.send(Request.cmd(Command.PING)));
        assertThat(failures.isUnavailable(new CompletionException(failure))).as(failure.toString()).isTrue();
    }

    @Test
    void anExhaustedConnectionPoolIsUnavailable() {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:6379")
                .setMaxPoolSize(1).setMaxPoolWaiting(0));
        Future<?> holding = client.send(Request.cmd(Command.BLPOP).arg("sts:test:never-pushed:" + System.nanoTime()).arg(2));
        Throwable failure = failureOf(client.send(Request.cmd(Command.PING)));
        assertThat(failures.isUnavailable(failure)).as(failure.toString()).isTrue();
        holding.toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aConnectionClosedUnderAPendingCommandIsUnavailable() {
        Redis client = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        RedisConnection connection = client.connect().toCompletionStage().toCompletableFuture().join();
        String id = connection.send(Request.cmd(Command.CLIENT).arg("ID")).toCompletionStage().toCompletableFuture()
                .join().toString();
        Future<?> pending = connection.send(Request.cmd(Command.BLPOP).arg("sts:test:never-pushed:" + System.nanoTime()).arg(10));
        Redis.createClient(vertx, "redis://127.0.0.1:6379").send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(id))
                .toCompletionStage().toCompletableFuture().join();
        Throwable failure = failureOf(pending);
        assertThat(failures.isUnavailable(failure)).as(failure.toString()).isTrue();
    }

    @Test
    void aRedisErrorReplyThatIsNotTransientIsADefect() {
        Redis client = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        Throwable failure = failureOf(client.send(Request.cmd(Command.EVAL).arg("return redis.error_reply('ERR boom')").arg(0)));
        assertThat(failure.getMessage()).startsWith("ERR boom");
        assertThat(failures.isUnavailable(failure)).isFalse();
    }

    @Test
    void aTransientRedisErrorReplyIsUnavailable() {
        Redis client = Redis.createClient(vertx, "redis://127.0.0.1:6379");
        Throwable failure = failureOf(client.send(Request.cmd(Command.EVAL)
                .arg("return redis.error_reply('LOADING Redis is loading the dataset in memory')").arg(0)));
        assertThat(failures.isUnavailable(failure)).as(failure.toString()).isTrue();
    }

    @Test
    void defectsAreNotUnavailability() {
        assertThat(failures.isUnavailable(new IllegalStateException("corrupt IAM record",
                new com.fasterxml.jackson.core.JsonParseException(null, "bad")))).isFalse();
        assertThat(failures.isUnavailable(new UncheckedIOException(new java.io.IOException("disk full")))).isFalse();
        assertThat(failures.isUnavailable(new NullPointerException())).isFalse();
    }

    private static String currentClientId(Redis client) {
        return client.send(Request.cmd(Command.CLIENT).arg("ID")).toCompletionStage().toCompletableFuture().join().toString();
    }

    private static Throwable failureOf(Future<?> call) {
        try {
            call.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("the call neither failed nor answered", e);
        }
        throw new AssertionError("the call succeeded");
    }
}

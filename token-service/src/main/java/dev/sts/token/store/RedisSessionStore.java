package dev.sts.token.store;

import dev.sts.core.port.SessionStore;
import dev.sts.core.token.SessionClaims;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Redis key per session, {@code sts:session:ASIA…}, expiring with the session itself: its value is the account
 * the session belongs to, its expiry time is the session's (rounded up to the millisecond). It never holds the
 * session's secret or token.
 * <p>
 * Records are written off the request path, many to a round trip: a request only queues its record, and one
 * batch at a time goes to Redis, carrying whatever queued while the previous one was out. Waiting for each
 * write cost AssumeRole a quarter of token-service's CPU (a worker parked and woken, a round trip of its own).
 * Nothing depends on the record being there at once: the credentials stand on their sealed token, the key id
 * names its account, and a revocation that finds no record is kept for the longest session lifetime instead.
 * A record that cannot be written (Redis down, or {@link #MAX_QUEUED} waiting) is counted and logged.
 * <p>
 * Key ids of one account can repeat (see {@code KeyIdAccount}); a record's expiry only ever moves later, so a
 * revocation of that key id is always kept until the last session that carries it has expired. That takes two
 * plain commands and no script: {@code SET … NX PXAT} creates the record, {@code PEXPIREAT … GT} lengthens one that
 * is there; in whatever order two writers' commands run, the later expiry wins. Every AssumeRole writes one, into
 * an append-only file fsynced before Redis answers, so it is kept small: about 100 bytes of AOF and no Lua call,
 * where the record with the session's details written by a script took about 560 bytes and most of Redis's time
 * per AssumeRole (docs/performance.md, "Issue 10").
 */
public final class RedisSessionStore implements SessionStore {
    static final int MAX_QUEUED = 100_000;
    static final int MAX_BATCH = 512;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(RedisSessionStore.class);

    private final Redis redis;
    private final Clock clock;
    private final Queue<Record> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedCount = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicLong unwritten = new AtomicLong();
    private final AtomicLong lastReportNanos = new AtomicLong(System.nanoTime() - LOG_EVERY.toNanos());

    public RedisSessionStore(Redis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public static String key(String accessKeyId) {
        return "sts:session:" + accessKeyId;
    }

    @Override
    public void record(SessionClaims session) {
        if (!session.expiresAt().isAfter(clock.instant())) {
            return;
        }
        if (queuedCount.incrementAndGet() > MAX_QUEUED) {
            queuedCount.decrementAndGet();
            notWritten(1, "the write queue is full");
            return;
        }
        queued.add(new Record(key(session.accessKeyId()), session.identity().account(), expiryMillis(session.expiresAt())));
        if (writing.compareAndSet(false, true)) {
            writeBatch();
        }
    }

    /** The session's expiry in epoch milliseconds, rounded up: a record never ends before its session. */
    static long expiryMillis(Instant expiresAt) {
        long millis = expiresAt.toEpochMilli();
        return expiresAt.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    /** Sends what is queued, then again whatever queued meanwhile, until nothing is left; one batch out at a time. */
    private void writeBatch() {
        List<Record> batch = new ArrayList<>();
        for (Record next; batch.size() < MAX_BATCH && (next = queued.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            // A record queued after the poll above but before the flag went down would otherwise wait for the next one.
            if (!queued.isEmpty() && writing.compareAndSet(false, true)) {
                writeBatch();
            }
            return;
        }
        List<Request> commands = new ArrayList<>(2 * batch.size());
        for (Record record : batch) {
            String expiry = Long.toString(record.expiresAtMillis());
            commands.add(Request.cmd(Command.SET).arg(record.key()).arg(record.account()).arg("NX").arg("PXAT").arg(expiry));
            commands.add(Request.cmd(Command.PEXPIREAT).arg(record.key()).arg(expiry).arg("GT"));
        }
        redis.batch(commands).onComplete(written -> {
            queuedCount.addAndGet(-batch.size());
            if (written.failed()) {
                notWritten(batch.size(), written.cause().toString());
            }
            writeBatch();
        });
    }

    private void notWritten(int records, String why) {
        long total = unwritten.addAndGet(records);
        long now = System.nanoTime();
        long last = lastReportNanos.get();
        if (now - last >= LOG_EVERY.toNanos() && lastReportNanos.compareAndSet(last, now)) {
            LOG.warnf("%d session records not written so far (latest: %s); revoking one of those key ids keeps the "
                    + "revocation for the longest session lifetime instead of the session's own", total, why);
        }
    }

    /** Records that could not be written since the start. */
    long unwrittenRecords() {
        return unwritten.get();
    }

    /**
     * The expiry of the latest-ending session recorded under {@code accessKeyId}: the record's own expiry time
     * ({@code PEXPIRETIME}); empty when there is none (never written, expired, or without an expiry).
     */
    @Override
    public Optional<Instant> expiryOf(String accessKeyId) {
        try {
            Response expiry = redis.send(Request.cmd(Command.PEXPIRETIME).arg(key(accessKeyId))).toCompletionStage()
                    .toCompletableFuture().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long millis = expiry == null ? -2 : expiry.toLong();
            return millis > 0 ? Optional.of(Instant.ofEpochMilli(millis)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a session record", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + READ_TIMEOUT, e);
        }
    }

    /** One queued record: its key, its value (the session's account) and its expiry in epoch milliseconds. */
    private record Record(String key, String account, long expiresAtMillis) {
    }
}

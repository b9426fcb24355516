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
 * One Redis key per session, {@code sts:session:ASIA…}, expiring with the session itself. The record says
 * who and until when; it never holds the session's secret or token.
 * <p>
 * Records are written off the request path, many to a round trip: a request only queues its record, and one
 * batch at a time goes to Redis, carrying whatever queued while the previous one was out. Waiting for each
 * write cost AssumeRole a quarter of token-service's CPU (a worker parked and woken, a round trip of its own).
 * Nothing depends on the record being there at once: the credentials stand on their sealed token, the key id
 * names its account, and a revocation that finds no record is kept for the longest session lifetime instead.
 * A record that cannot be written (Redis down, or {@link #MAX_QUEUED} waiting) is counted and logged.
 * <p>
 * Key ids of one account can repeat (see {@code KeyIdAccount}); a record is only replaced by one that lives
 * longer, so a revocation of that key id is always kept until the last session that carries it has expired.
 */
public final class RedisSessionStore implements SessionStore {
    static final int MAX_QUEUED = 100_000;
    static final int MAX_BATCH = 512;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final String KEEP_LONGER = """
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            end
            return 0""";
    private static final Logger LOG = Logger.getLogger(RedisSessionStore.class);

    private final Redis redis;
    private final Clock clock;
    private final Queue<Request> queued = new ConcurrentLinkedQueue<>();
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
        long ttlMillis = Duration.between(clock.instant(), session.expiresAt()).toMillis();
        if (ttlMillis <= 0) {
            return;
        }
        if (queuedCount.incrementAndGet() > MAX_QUEUED) {
            queuedCount.decrementAndGet();
            notWritten(1, "the write queue is full");
            return;
        }
        queued.add(Request.cmd(Command.EVAL).arg(KEEP_LONGER).arg(1).arg(key(session.accessKeyId()))
                .arg(SessionRecordJson.of(session)).arg(ttlMillis));
        if (writing.compareAndSet(false, true)) {
            writeBatch();
        }
    }

    /** Sends what is queued, then again whatever queued meanwhile, until nothing is left; one batch out at a time. */
    private void writeBatch() {
        List<Request> batch = new ArrayList<>();
        for (Request next; batch.size() < MAX_BATCH && (next = queued.poll()) != null; ) {
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
        redis.batch(batch).onComplete(written -> {
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

    @Override
    public Optional<Instant> expiryOf(String accessKeyId) {
        try {
            Response record = redis.send(Request.cmd(Command.GET).arg(key(accessKeyId))).toCompletionStage()
                    .toCompletableFuture().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.ofNullable(record).map(Response::toString).flatMap(SessionRecordJson::expiryOf);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a session record", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + READ_TIMEOUT, e);
        }
    }
}

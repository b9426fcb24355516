package dev.sts.policy.messaging;

import dev.sts.core.iam.IamChange;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes IAM changes on {@code iam.changes.v1}, keyed by account, for every reader's cache.
 * <p>
 * A send Kafka refuses (the producer gives up after its own retries, or the emitter cannot take it) is sent
 * again, after {@value #FIRST_BACKOFF_MILLIS} ms, then twice as long each time up to {@value #MAX_BACKOFF_MILLIS}
 * ms, {@value #MAX_ATTEMPTS} attempts in all; every failed attempt is counted and logged, and a change given
 * up on is logged as an error. Readers do not depend on it alone: token-service's cached IAM records expire
 * after {@code sts.iam-cache.max-staleness} whatever the events do, so a change that is never published is
 * seen that much later, never not at all.
 * <p>
 * A retried change may arrive after a newer one. That is safe: a change event carries no state, readers only
 * clear their caches on it and read the current state again, so a late event costs a refill and cannot bring
 * back anything older.
 */
@ApplicationScoped
public class IamChangePublisher {
    static final int MAX_ATTEMPTS = 8;
    static final long FIRST_BACKOFF_MILLIS = 500;
    static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(IamChangePublisher.class);

    private final Emitter<String> emitter;
    private final ScheduledExecutorService retries;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong lostChanges = new AtomicLong();

    @Inject
    IamChangePublisher(@Channel("iam-changes") Emitter<String> emitter) {
        this(emitter, MAX_ATTEMPTS, Duration.ofMillis(FIRST_BACKOFF_MILLIS));
    }

    IamChangePublisher(Emitter<String> emitter, int maxAttempts, Duration firstBackoff) {
        this.emitter = emitter;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "iam-change-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void publish(IamChange change) {
        send(change, 1);
    }

    /** Failed send attempts since start, each retried or, after the last attempt, given up. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Changes given up on after every attempt failed; readers see them when their cached records expire. */
    public long lostChanges() {
        return lostChanges.get();
    }

    private void send(IamChange change, int attempt) {
        Message<String> message = Message.of(change.toJson())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(change.account()).build())
                .withNack(failure -> {
                    failed(change, attempt, failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException refused) {
            failed(change, attempt, refused);
        }
    }

    private void failed(IamChange change, int attempt, Throwable failure) {
        long failures = failedAttempts.incrementAndGet();
        if (attempt >= maxAttempts) {
            long lost = lostChanges.incrementAndGet();
            LOG.errorf("IAM change %s (%s %s) was not published after %d attempts (%d changes lost since start): %s; "
                    + "readers see it when their cached records expire", change.eventId(), change.kind(), change.name(),
                    attempt, lost, failure.getMessage());
            return;
        }
        long delay = backoffMillis(attempt);
        LOG.warnf("IAM change %s (%s %s) was not published (attempt %d of %d, %d failed attempts since start): %s; "
                + "retrying in %d ms", change.eventId(), change.kind(), change.name(), attempt, maxAttempts, failures,
                failure.getMessage(), delay);
        try {
            retries.schedule(() -> send(change, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException shuttingDown) {
            lostChanges.incrementAndGet();
            LOG.errorf("IAM change %s could not be retried: %s", change.eventId(), shuttingDown.getMessage());
        }
    }

    /** The pause before attempt {@code attempt + 1}: doubling from the first back-off, capped. */
    long backoffMillis(int attempt) {
        long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Math.min(millis, Math.max(MAX_BACKOFF_MILLIS, firstBackoff.toMillis()));
    }

    @PreDestroy
    void stop() {
        retries.shutdown();
    }
}

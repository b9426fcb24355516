package dev.sts.policy.messaging;

import dev.sts.core.iam.IamChange;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change Kafka refuses is sent again, with growing pauses, a bounded number of times, each failure counted.
 * The emitter here stands in for Kafka's answer (ack or nack); what reaches Kafka is covered end to end.
 */
class IamChangePublisherTest {
    private static final IamChange CHANGE = IamChange.of(IamChange.Kind.ROLE, "111111111111", "deployer");

    @Test
    void aChangeKafkaAcceptsAtOnceIsSentOnce() throws Exception {
        FlakyEmitter emitter = new FlakyEmitter(0);
        IamChangePublisher publisher = new IamChangePublisher(emitter, 5, Duration.ofMillis(1));

        publisher.publish(CHANGE);

        assertThat(emitter.sent).singleElement().satisfies(json -> assertThat(json).contains(CHANGE.eventId()));
        assertThat(publisher.failedAttempts()).isZero();
        assertThat(publisher.lostChanges()).isZero();
    }

    @Test
    void aChangeKafkaRefusesIsRetriedUntilItIsAccepted() throws Exception {
        FlakyEmitter emitter = new FlakyEmitter(3);
        IamChangePublisher publisher = new IamChangePublisher(emitter, 5, Duration.ofMillis(1));

        publisher.publish(CHANGE);

        await(() -> emitter.acked.get() == 1);
        assertThat(emitter.sent).hasSize(4).allSatisfy(json -> assertThat(json).isEqualTo(CHANGE.toJson()));
        assertThat(publisher.failedAttempts()).isEqualTo(3);
        assertThat(publisher.lostChanges()).isZero();
    }

    @Test
    void anEmitterThatThrowsIsRetriedLikeANack() throws Exception {
        FlakyEmitter emitter = new FlakyEmitter(2);
        emitter.throwInsteadOfNack = true;
        IamChangePublisher publisher = new IamChangePublisher(emitter, 5, Duration.ofMillis(1));

        publisher.publish(CHANGE);

        await(() -> emitter.acked.get() == 1);
        assertThat(publisher.failedAttempts()).isEqualTo(2);
    }

    @Test
    void retriesAreBoundedAndTheLossIsCounted() throws Exception {
        FlakyEmitter emitter = new FlakyEmitter(Integer.MAX_VALUE);
        IamChangePublisher publisher = new IamChangePublisher(emitter, 4, Duration.ofMillis(1));

        publisher.publish(CHANGE);

        await(() -> publisher.lostChanges() == 1);
        assertThat(emitter.sent).hasSize(4);
        assertThat(publisher.failedAttempts()).isEqualTo(4);
    }

    @Test
    void theBackOffDoublesUpToItsCap() {
        IamChangePublisher publisher = new IamChangePublisher(new FlakyEmitter(0), 8, Duration.ofMillis(500));

        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 30).stream().map(publisher::backoffMillis))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(5);
        }
    }

    /** Nacks (or throws on) the first {@code failures} sends, acks the rest. */
    private static final class FlakyEmitter implements Emitter<String> {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger acked = new AtomicInteger();
        final int failures;
        volatile boolean throwInsteadOfNack;

        FlakyEmitter(int failures) {
            this.failures = failures;
        }

        @Override
        public <M extends Message<? extends String>> void send(M message) {
            sent.add(message.getPayload());
            if (sent.size() <= failures) {
                if (throwInsteadOfNack) {
                    throw new IllegalStateException("buffer full");
                }
                message.nack(new RuntimeException("broker unavailable"));
            } else {
                acked.incrementAndGet();
                message.ack();
            }
        }

        @Override
        public CompletionStage<Void> send(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}

package dev.sts.loadtest;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where each worker gets the bytes of its next request, and what signing them cost.
 *
 * <p>{@link #pool}: {@code size} distinct requests signed up front and re-signed as a whole every 60 seconds by a
 * background thread, so no request is ever sent with an {@code X-Amz-Date} more than about a minute old (the
 * server accepts 5 minutes either way). The same bytes are sent many times; the server does no replay detection
 * (neither does AWS for SigV4 within the window), and verifies each one in full. Signing then costs the generator
 * almost nothing, which leaves the two cores to the server.
 *
 * <p>{@link #signEach}: every request is signed by the SDK signer in the sending thread just before it is written,
 * with a fresh {@code amz-sdk-invocation-id}, exactly as an SDK client would; this adds the signer's cost to the
 * generator and shows it.
 */
abstract sealed class SignedRequests {
    static final long RESIGN_EVERY_SECONDS = 60;

    protected final RequestSigner signer;
    private final LongAdder signatures = new LongAdder();
    private final LongAdder signingNanos = new LongAdder();

    private SignedRequests(RequestSigner signer) {
        this.signer = signer;
    }

    static SignedRequests pool(RequestSigner signer, int size) {
        return new Pool(signer, size);
    }

    static SignedRequests signEach(RequestSigner signer) {
        return new Each(signer);
    }

    /** The next request for the worker whose own counter is {@code workerSequence}. */
    abstract byte[] next(long workerSequence);

    /** Stops any background signing. */
    void close() {
    }

    long signatures() {
        return signatures.sum();
    }

    /** The mean time one signature took, in microseconds (0 if none). */
    double meanSigningMicros() {
        long count = signatures.sum();
        return count == 0 ? 0 : signingNanos.sum() / 1000.0 / count;
    }

    protected byte[] timedSign(long sequence) {
        long start = System.nanoTime();
        byte[] request = signer.sign(sequence);
        signingNanos.add(System.nanoTime() - start);
        signatures.increment();
        return request;
    }

    private static final class Pool extends SignedRequests {
        private final ScheduledExecutorService resigner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "resigner");
            thread.setDaemon(true);
            return thread;
        });
        private volatile byte[][] requests;

        Pool(RequestSigner signer, int size) {
            super(signer);
            requests = signAll(size);
            resigner.scheduleWithFixedDelay(() -> requests = signAll(size),
                    RESIGN_EVERY_SECONDS, RESIGN_EVERY_SECONDS, TimeUnit.SECONDS);
        }

        private byte[][] signAll(int size) {
            byte[][] fresh = new byte[size][];
            for (int i = 0; i < size; i++) {
                fresh[i] = timedSign(i);
            }
            return fresh;
        }

        @Override
        byte[] next(long workerSequence) {
            byte[][] current = requests;
            return current[(int) (workerSequence % current.length)];
        }

        @Override
        void close() {
            resigner.shutdownNow();
        }
    }

    private static final class Each extends SignedRequests {
        private final AtomicLong sequence = new AtomicLong();

        Each(RequestSigner signer) {
            super(signer);
        }

        @Override
        byte[] next(long workerSequence) {
            return timedSign(sequence.getAndIncrement());
        }
    }
}

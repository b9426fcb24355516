package dev.sts.e2e;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting for what the platform spreads over Kafka (IAM changes, revocations): like AWS's own eventual
 * consistency, a caller retries briefly rather than expecting the change at the same instant.
 */
final class Eventually {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final long PAUSE_MILLIS = 20;

    private Eventually() {
    }

    /** The call's answer, once it stops being refused. */
    static <T> T succeeds(Supplier<T> call) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (AwsServiceException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    /** The error code of the call's refusal, once it is refused. */
    static String refused(Supplier<?> call) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                call.get();
            } catch (AwsServiceException e) {
                return e.awsErrorDetails().errorCode();
            }
            pause();
        }
        throw new AssertionError("still answered " + PATIENCE.toSeconds() + " s later");
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}

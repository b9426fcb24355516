package dev.sts.core.ratelimit;

/**
 * A token bucket's shape: {@code requestsPerSecond} sustained, up to {@code burst} at once.
 */
public record RateLimit(double requestsPerSecond, int burst) {
    public RateLimit {
        if (requestsPerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and a burst of at least 1");
        }
    }

    /** Tokens in a bucket that held {@code tokens} {@code elapsedSeconds} ago, capped at the burst. */
    public double refill(double tokens, double elapsedSeconds) {
        return Math.min(burst, tokens + Math.max(0, elapsedSeconds) * requestsPerSecond);
    }
}

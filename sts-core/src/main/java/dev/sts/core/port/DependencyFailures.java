package dev.sts.core.port;

/**
 * Tells a dependency that is down or overloaded (Redis unreachable, a connection pool exhausted, a timeout)
 * from a defect. The first is answered {@code ServiceUnavailable} (503), which every AWS SDK retries; the
 * second {@code InternalFailure}. Only the adapters know their clients' exceptions, so they decide.
 */
@FunctionalInterface
public interface DependencyFailures {
    DependencyFailures NONE = failure -> false;

    boolean isUnavailable(Throwable failure);
}

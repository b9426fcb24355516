package dev.sts.support;

import dev.sts.core.port.DependencyFailures;
import io.vertx.core.http.ConnectionPoolTooBusyException;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The failures of Redis and the network that mean "down or overloaded, try again" rather than a defect:
 * refused or closed connections, an exhausted connection pool, a timeout, and Redis's own transient
 * refusals (still loading, busy with a script, out of memory, a read-only replica).
 */
public final class InfrastructureFailures implements DependencyFailures {
    private static final int MAX_CAUSES = 16;
    private static final Set<String> TRANSIENT_REDIS_ERRORS = Set.of("LOADING", "BUSY", "OOM", "READONLY",
            "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN", "CONNECTION_CLOSED");

    @Override
    public boolean isUnavailable(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof ClosedChannelException
                    || cause instanceof InterruptedIOException || cause instanceof TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException
                    || cause instanceof ConnectionPoolTooBusyException
                    || isTransientRedisError(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientRedisError(Throwable cause) {
        // Redis error replies arrive as io.vertx.redis.client.impl.types.ErrorType, an internal class; its
        // message starts with Redis's error code (or the client's own CONNECTION_CLOSED).
        if (!cause.getClass().getName().equals("io.vertx.redis.client.impl.types.ErrorType") || cause.getMessage() == null) {
            return false;
        }
        String code = cause.getMessage().split(" ", 2)[0];
        return TRANSIENT_REDIS_ERRORS.contains(code);
    }
}

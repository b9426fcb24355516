package dev.sts.testing;

import dev.sts.deploy.PlatformConfig;
import dev.sts.deploy.PlatformSecrets;
import dev.sts.deploy.RedisUsers;
import dev.sts.deploy.RespConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Looks into the private test Redis with raw commands, to assert what a service stored:
 * {@code RedisProbe.ofLocalInfrastructure().ttl("sts:session:ASIA...")}. Each call uses a new connection,
 * authenticated as Redis's {@code admin} user ({@link RedisUsers#ADMIN}) unless another user is named.
 */
public final class RedisProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final int port;
    private final String user;
    private final String password;

    // Private: a probe can only reach the private test Redis, so flushAll() can never empty a shared one.
    private RedisProbe(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** A probe of a test platform's private Redis (never the shared one on the default port), as admin. */
    public static RedisProbe of(PlatformConfig platform) {
        return of(platform, RedisUsers.ADMIN);
    }

    /** A probe of a test platform's private Redis connected as {@code user}, to see what that user may do. */
    public static RedisProbe of(PlatformConfig platform, RedisUsers.User user) {
        if (platform.redisPort() == 6379) {
            throw new IllegalArgumentException("refusing to probe the shared Redis on 6379");
        }
        return new RedisProbe(platform.redisPort(), user.name(),
                PlatformSecrets.loadOrCreate(platform.stateDir()).redisPassword(user));
    }

    /** A probe of the JVM's {@link LocalInfrastructure} Redis, as admin. */
    public static RedisProbe ofLocalInfrastructure() {
        return ofLocalInfrastructure(RedisUsers.ADMIN);
    }

    /** A probe of the JVM's {@link LocalInfrastructure} Redis connected as {@code user}. */
    public static RedisProbe ofLocalInfrastructure(RedisUsers.User user) {
        LocalInfrastructure infrastructure = LocalInfrastructure.get();
        return new RedisProbe(infrastructure.redisPort(), user.name(), infrastructure.redisPassword(user));
    }

    /**
     * Runs one command. Replies: strings as {@link String}, integers as {@link Long}, arrays as {@code List},
     * nil as {@code null}.
     *
     * @throws IllegalStateException if Redis answers with an error
     */
    public Object command(String... args) {
        try (RespConnection redis = RespConnection.open("127.0.0.1", port, TIMEOUT)) {
            redis.command("AUTH", user, password);
            return redis.command(args);
        } catch (RespConnection.RedisErrorReply e) {
            throw new IllegalStateException("Redis refused " + String.join(" ", args) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the test Redis on port " + port, e);
        }
    }

    /** Seconds to live; -1 for a key without expiry, -2 for a missing key. */
    public long ttl(String key) {
        return (Long) command("TTL", key);
    }

    public boolean exists(String key) {
        return (Long) command("EXISTS", key) == 1L;
    }

    /** The string value, or {@code null} if the key is missing. */
    public String get(String key) {
        return (String) command("GET", key);
    }

    /** Keys matching a glob pattern (KEYS is fine on a test server). */
    @SuppressWarnings("unchecked")
    public List<String> keys(String pattern) {
        return (List<String>) command("KEYS", pattern);
    }

    /** Empties the private test Redis (never the shared one: this probe only knows the private port). */
    public void flushAll() {
        command("FLUSHALL");
    }
}

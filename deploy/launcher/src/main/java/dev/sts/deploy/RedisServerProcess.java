package dev.sts.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A private {@code redis-server} on 127.0.0.1, started as a daemon with its own pid file and log file, with the
 * platform's ACL users ({@link RedisUsers}: the {@code default} user off) and an append-only file fsynced before
 * every reply ({@code appendonly yes}, {@code appendfsync always}, no RDB snapshots): a write Redis answered
 * survives {@code kill -9} of Redis, and a restart on the same directory loads it again.
 *
 * <p>The ACL file ({@value #ACL_FILE}, mode 600, password hashes only) is written into the server's directory
 * on every start, so that Redis's command line (visible in {@code ps}) carries no secret. The launcher itself
 * authenticates as {@link RedisUsers#ADMIN} for PING and SHUTDOWN.
 *
 * <p>It never touches another Redis: {@link #start} refuses a port that is already in use, and
 * {@link #stop} shuts down only the server it started.
 */
public final class RedisServerProcess {

    private static final String BINARY = "redis-server";
    /**
     * What a live server's pid must show to count as ours. Not {@link #BINARY}: Redis rewrites its command line,
     * and on Debian the executable behind it is {@code redis-check-rdb} (redis-server is a symlink to it).
     */
    private static final String PROCESS_MARKER = "redis";
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
    static final String ACL_FILE = "users.acl";

    private final int port;
    private final Path dir;
    private final PidFile pidFile;
    private final Path logFile;
    private final PlatformSecrets secrets;

    /** A server on {@code port} whose pid file, log file, ACL file and data are all in {@code dir}. */
    public RedisServerProcess(int port, Path dir, PlatformSecrets secrets) {
        this(port, dir, dir.resolve("redis.pid"), dir.resolve("redis.log"), secrets);
    }

    /** @param secrets where the ACL users' passwords come from ({@link RedisUsers}) */
    public RedisServerProcess(int port, Path dir, Path pidFile, Path logFile, PlatformSecrets secrets) {
        this.port = port;
        this.dir = dir.toAbsolutePath();
        this.pidFile = pidFileFor(pidFile.toAbsolutePath());
        this.logFile = logFile.toAbsolutePath();
        this.secrets = secrets;
    }

    /** The pid file of a Redis server started by this class, for stopping it from another JVM. */
    public static PidFile pidFileFor(Path file) {
        return new PidFile(file, PROCESS_MARKER);
    }

    /** Whether {@code redis-server} is on the PATH. */
    public static boolean isAvailable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, BINARY))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts the server and returns once it answers PING.
     *
     * @throws IllegalStateException if redis-server is missing, the port is taken, or it does not answer in time
     *                               (the message carries the end of its log)
     */
    public void start(Duration timeout) throws IOException {
        if (!isAvailable()) {
            throw new IllegalStateException(BINARY + " is not on the PATH. Install it (Debian: apt-get install redis-server).");
        }
        Ports.requireFree("Redis", port);
        Files.createDirectories(dir);
        Files.createDirectories(logFile.getParent());
        Files.createDirectories(pidFile.path().getParent());
        Path aclFile = writeAclFile();
        List<String> command = List.of(BINARY,
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--aclfile", aclFile.toString(),
                "--save", "",
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--daemonize", "yes",
                "--pidfile", pidFile.path().toString(),
                "--logfile", logFile.toString(),
                "--dir", dir.toString());
        Process launcher = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        Instant deadline = Instant.now().plus(timeout);
        try {
            // With --daemonize the launched process forks the server and exits at once.
            if (!launcher.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) || launcher.exitValue() != 0) {
                launcher.destroyForcibly();
                throw failure("redis-server did not daemonize");
            }
            while (Instant.now().isBefore(deadline)) {
                if (answersAdminPing() && pidFile.liveProcess().isPresent()) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting Redis", e);
        }
        stop();
        throw failure("Redis did not answer PING on port " + port + " within " + timeout.toSeconds() + " s");
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(what + ". Last lines of " + logFile + ":" + System.lineSeparator()
                + LogFiles.lastLines(logFile, 40));
    }

    /** Writes the ACL file (mode 600 from its creation) with the users' current passwords; returns its path. */
    private Path writeAclFile() throws IOException {
        Path file = dir.resolve(ACL_FILE);
        Path temporary = dir.resolve(ACL_FILE + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, RedisUsers.aclFile(secrets::value), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * Whether a Redis server on 127.0.0.1:{@code port} is there: it answers PING with PONG, or with NOAUTH (a server
     * that refuses anonymous clients, as this class starts them, is alive all the same).
     */
    public static boolean answersPing(int port) {
        try (RespConnection redis = RespConnection.open("127.0.0.1", port, PROBE_TIMEOUT)) {
            return "PONG".equals(redis.command("PING"));
        } catch (RespConnection.RedisErrorReply e) {
            return e.getMessage().startsWith("NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether this server answers PING to {@link RedisUsers#ADMIN}: it is up and has loaded the ACL users. */
    private boolean answersAdminPing() {
        try (RespConnection redis = openAsAdmin()) {
            return "PONG".equals(redis.command("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The value of {@code key}, read as {@link RedisUsers#ADMIN}; empty when there is none. */
    public Optional<String> getAsAdmin(String key) throws IOException {
        try (RespConnection redis = openAsAdmin()) {
            return Optional.ofNullable(redis.command("GET", key)).map(Object::toString);
        }
    }

    private RespConnection openAsAdmin() throws IOException {
        RespConnection redis = RespConnection.open("127.0.0.1", port, PROBE_TIMEOUT);
        try {
            redis.command("AUTH", RedisUsers.ADMIN.name(), secrets.redisPassword(RedisUsers.ADMIN));
            return redis;
        } catch (IOException e) {
            redis.close();
            throw e;
        }
    }

    /** Shuts the server down without saving and waits until its process is gone. Does nothing if it is not running. */
    public void stop() {
        Optional<ProcessHandle> process = pidFile.liveProcess();
        if (process.isEmpty()) {
            pidFile.delete();
            return;
        }
        try (RespConnection redis = openAsAdmin()) {
            // NOSAVE skips an RDB snapshot; the append-only file is fsynced on every write anyway.
            redis.command("SHUTDOWN", "NOSAVE");
        } catch (IOException expected) {
            // A successful SHUTDOWN closes the connection without a reply.
        }
        if (!ProcessStopper.awaitExit(process.get(), Duration.ofSeconds(5))) {
            ProcessStopper.stop(process.get(), Duration.ofSeconds(5));
        }
        pidFile.delete();
    }

    public int port() {
        return port;
    }

    /** The address without credentials, for messages: {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** What {@code quarkus.redis.hosts} takes to connect as {@code user}: the address with its credentials. */
    public String urlFor(RedisUsers.User user) {
        return RedisUsers.url(user, secrets.redisPassword(user), port);
    }

    /** Kills the server with SIGKILL (no shutdown, no final fsync) and waits until it is gone: a crash, for tests. */
    public void kill() {
        pidFile.liveProcess().ifPresent(process -> {
            process.destroyForcibly();
            ProcessStopper.awaitExit(process, Duration.ofSeconds(10));
        });
        pidFile.delete();
        awaitPortReleased();
    }

    /** The kernel closes a killed server's listening socket a moment after its process is gone: wait for that. */
    private void awaitPortReleased() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Ports.isFree(port) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The server's pid, while it runs. */
    public Optional<Long> pid() {
        return pidFile.liveProcess().map(ProcessHandle::pid);
    }

    public Path logFile() {
        return logFile;
    }
}

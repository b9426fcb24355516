package dev.sts.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A private {@code redis-server} on 127.0.0.1 that keeps nothing on disk ({@code --save '' --appendonly no}),
 * started as a daemon with its own pid file and log file.
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

    private final int port;
    private final Path dir;
    private final PidFile pidFile;
    private final Path logFile;

    /** A server on {@code port} whose pid file, log file and working directory are all in {@code dir}. */
    public RedisServerProcess(int port, Path dir) {
        this(port, dir, dir.resolve("redis.pid"), dir.resolve("redis.log"));
    }

    public RedisServerProcess(int port, Path dir, Path pidFile, Path logFile) {
        this.port = port;
        this.dir = dir.toAbsolutePath();
        this.pidFile = pidFileFor(pidFile.toAbsolutePath());
        this.logFile = logFile.toAbsolutePath();
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
        List<String> command = List.of(BINARY,
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
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
                if (answersPing(port) && pidFile.liveProcess().isPresent()) {
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

    /** Whether a Redis server on 127.0.0.1:{@code port} answers PING with PONG. */
    public static boolean answersPing(int port) {
        try (RespConnection redis = RespConnection.open("127.0.0.1", port, PROBE_TIMEOUT)) {
            return "PONG".equals(redis.command("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Shuts the server down without saving and waits until its process is gone. Does nothing if it is not running. */
    public void stop() {
        Optional<ProcessHandle> process = pidFile.liveProcess();
        if (process.isEmpty()) {
            pidFile.delete();
            return;
        }
        try (RespConnection redis = RespConnection.open("127.0.0.1", port, PROBE_TIMEOUT)) {
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

    /** The address in the form Quarkus's {@code quarkus.redis.hosts} takes. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** The server's pid, while it runs. */
    public Optional<Long> pid() {
        return pidFile.liveProcess().map(ProcessHandle::pid);
    }

    public Path logFile() {
        return logFile;
    }
}

package dev.sts.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One built Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as
 * {@code java -Xmx256m -XX:+UseParallelGC -jar}, configured only through environment variables, with its output
 * in a log file. Ready means {@code GET /q/health/ready} answers 200 on its management port (health is not served
 * on the public port).
 * <p>
 * The parallel collector because these heaps are small and their live data smaller (about 20 MB under load):
 * its young collections are short and cheap, where G1's fixed costs showed on two cores. Under the same
 * AssumeRole load: 8,400–9,200 requests/s at a p99 of 18–22 ms against G1's 7,300/s at 25 ms, and G1's open-loop
 * tail was no better (docs/performance.md).
 */
public final class ServiceProcess {

    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;

    /**
     * @param name        the module name, e.g. {@code token-service}; used in messages
     * @param jar         the service's {@code quarkus-run.jar}, see {@link #jarOf(Path, String)}
     * @param port        its HTTP port on 127.0.0.1 (the environment must set {@code QUARKUS_HTTP_PORT} to it)
     * @param managementPort its management port on 127.0.0.1: health, admin API
     *                    (the environment must set {@code QUARKUS_MANAGEMENT_PORT} to it)
     * @param environment added to this JVM's environment for the service
     * @param logFile     where its output goes (appended)
     */
    public ServiceProcess(String name, Path jar, int port, int managementPort, Map<String, String> environment,
                          Path logFile) {
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.port = port;
        this.managementPort = managementPort;
        this.environment = Map.copyOf(environment);
        this.logFile = logFile.toAbsolutePath();
    }

    /**
     * The runnable jar of {@code module} under {@code projectRoot}.
     *
     * @throws IllegalStateException if it has not been built, saying how to build it
     */
    public static Path jarOf(Path projectRoot, String module) {
        Path jar = expectedJar(projectRoot, module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not built: " + jar + " is missing. Build it with:"
                    + System.lineSeparator() + "  mvn -B -q -f " + projectRoot.resolve("pom.xml") + " -pl " + module
                    + " -am install -DskipTests" + System.lineSeparator() + "(./sts does this by itself.)");
        }
        return jar;
    }

    /** Where {@code module}'s runnable jar is once built (whether or not it is there now). */
    public static Path expectedJar(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    }

    /** The pid file of a service started by this class from {@code jar}, for stopping it from another JVM. */
    public static PidFile pidFileFor(Path file, Path jar) {
        return new PidFile(file, jar.toAbsolutePath().toString());
    }

    /**
     * Starts the service and returns at once; call {@link #awaitReady} next. Starting several services before
     * waiting for any lets them boot in parallel.
     *
     * @throws IllegalStateException if the port is taken
     */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        Ports.requireFree(name, port);
        LogFiles.appendStartMarker(logFile, name);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                // The jar's own directory: no stray config/application.properties in a working directory.
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /**
     * Waits until the service reports ready.
     *
     * @throws IllegalStateException if it exits or is not ready within {@code timeout}; the service is then
     *                               stopped and the message carries the last 40 lines of its log
     */
    public void awaitReady(Duration timeout) {
        if (process == null) {
            throw new IllegalStateException(name + " was not started");
        }
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw failure(name + " exited with code " + process.exitValue() + " while starting");
                }
                if (isReady(managementPort)) {
                    return;
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
        stop();
        throw failure(name + " was not ready at " + healthUrl(managementPort) + " within " + timeout.toSeconds() + " s");
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(what + ". Last 40 lines of " + logFile + ":" + System.lineSeparator()
                + LogFiles.lastLines(logFile, 40));
    }

    /** Whether {@code GET http://127.0.0.1:<managementPort>/q/health/ready} answers 200. */
    public static boolean isReady(int managementPort) {
        HttpRequest request = HttpRequest.newBuilder(healthUrl(managementPort)).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static URI healthUrl(int port) {
        return URI.create("http://127.0.0.1:" + port + "/q/health/ready");
    }

    /** Stops the service (SIGTERM, then SIGKILL after a grace period) and waits until it is gone. */
    public void stop() {
        if (process != null) {
            ProcessStopper.stop(process.toHandle(), STOP_GRACE);
            process = null;
        }
    }

    public String name() {
        return name;
    }

    public int managementPort() {
        return managementPort;
    }

    public int port() {
        return port;
    }

    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }
}

package dev.sts.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run as a
 * separate JVM from the jars that {@code deploy/kafka-runtime} copies to its {@code target/lib}.
 *
 * <p>Everything lives in one data directory: {@code server.properties}, {@code log4j2.properties} and the
 * partition data under {@code kraft/}. The storage is formatted on first start only, so a restart with the
 * same directory keeps topics and offsets. Output goes to the given log file.
 */
public final class KafkaBrokerProcess {

    /** Class name on the broker's command line; marks its pid file entries as ours. */
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path libDir;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private Process process;

    /**
     * @param libDir         the broker's class path, see {@link #libDirectory(Path)}
     * @param dataDir        configuration and partition data; created if missing
     * @param port           the PLAINTEXT client port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     * @param logFile        where the broker's output goes (appended)
     */
    public KafkaBrokerProcess(Path libDir, Path dataDir, int port, int controllerPort, Path logFile) {
        this.libDir = libDir.toAbsolutePath();
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = logFile.toAbsolutePath();
    }

    /**
     * {@code deploy/kafka-runtime/target/lib} under {@code projectRoot}.
     *
     * @throws IllegalStateException if it has not been built yet, saying how to build it
     */
    public static Path libDirectory(Path projectRoot) {
        Path lib = projectRoot.resolve("deploy/kafka-runtime/target/lib");
        boolean hasBroker;
        try (Stream<Path> jars = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
            hasBroker = jars.anyMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + lib, e);
        }
        if (!hasBroker) {
            throw new IllegalStateException("The Kafka broker's jars are missing from " + lib + ". Build them with:"
                    + System.lineSeparator() + "  mvn -B -q -f " + projectRoot.resolve("pom.xml")
                    + " -pl deploy/kafka-runtime package"
                    + System.lineSeparator() + "(./sts does this by itself.)");
        }
        return lib;
    }

    /** The pid file of a broker started by this class, for stopping it from another JVM. */
    public static PidFile pidFileFor(Path file) {
        return new PidFile(file, MAIN_CLASS);
    }

    /**
     * Writes the configuration, formats the storage if it is new, starts the broker and returns once it
     * answers requests.
     *
     * @throws IllegalStateException if a port is taken, formatting fails, the broker exits or does not answer
     *                               within {@code timeout} (the message carries the end of its log)
     */
    public void start(Duration timeout) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The Kafka broker is already running (pid " + process.pid() + ")");
        }
        Ports.requireFree("Kafka", port);
        Ports.requireFree("the Kafka controller", controllerPort);
        Files.createDirectories(dataDir);
        LogFiles.appendStartMarker(logFile, "Kafka broker");
        Path serverProperties = writeServerProperties();
        Path log4jConfig = writeLog4jConfig();
        Instant deadline = Instant.now().plus(timeout);

        if (!Files.exists(kraftDir().resolve("meta.properties"))) {
            format(serverProperties, log4jConfig, timeout);
        }

        process = new ProcessBuilder(javaCommand(log4jConfig, MAIN_CLASS, serverProperties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw failure("The Kafka broker exited with code " + process.exitValue() + " while starting");
                }
                if (KafkaReadinessProbe.answers(port, Duration.ofSeconds(1))) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IOException("Interrupted while starting the Kafka broker", e);
        }
        stop();
        throw failure("The Kafka broker did not answer on port " + port + " within " + timeout.toSeconds() + " s");
    }

    private void format(Path serverProperties, Path log4jConfig, Duration timeout) throws IOException {
        Process formatter = new ProcessBuilder(javaCommand(log4jConfig, "kafka.tools.StorageTool",
                "format", "-t", newClusterId(), "-c", serverProperties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!formatter.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                formatter.destroyForcibly();
                throw failure("Formatting the Kafka storage did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            formatter.destroyForcibly();
            throw new IOException("Interrupted while formatting the Kafka storage", e);
        }
        if (formatter.exitValue() != 0) {
            throw failure("Formatting the Kafka storage failed (exit code " + formatter.exitValue() + ")");
        }
    }

    private List<String> javaCommand(Path log4jConfig, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + log4jConfig);
        command.add("-cp");
        command.add(libDir.resolve("*").toString());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private Path writeServerProperties() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", kraftDir().toString());
        // One node: every internal topic has one replica, and small partition counts keep the first
        // consumer-group join and transaction fast.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("auto.create.topics.enable", "true");
        settings.put("num.partitions", "1");
        // A local broker shares a small machine with the services it serves: the defaults (3 network and
        // 8 request threads) mostly wake each other up; two of each keep up with the STS at full load.
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "2");

        StringBuilder text = new StringBuilder("# Written by dev.sts.deploy.KafkaBrokerProcess at every start.\n");
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path writeLog4jConfig() throws IOException {
        Path file = dataDir.resolve("log4j2.properties");
        try (InputStream config = KafkaBrokerProcess.class.getResourceAsStream("kafka-log4j2.properties")) {
            if (config == null) {
                throw new IllegalStateException("kafka-log4j2.properties is missing from the launcher's resources");
            }
            Files.copy(config, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** A cluster id as {@code kafka-storage random-uuid} prints it: a random UUID in URL-safe base64. */
    static String newClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            // Kafka avoids ids that start with '-': a command line would read them as an option.
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(what + ". Last lines of " + logFile + ":" + System.lineSeparator()
                + LogFiles.lastLines(logFile, 40));
    }

    private Path kraftDir() {
        return dataDir.resolve("kraft");
    }

    /** Stops the broker (SIGTERM, then SIGKILL after a grace period) and waits until it is gone. */
    public void stop() {
        if (process != null) {
            ProcessStopper.stop(process.toHandle(), STOP_GRACE);
            process = null;
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        if (process == null) {
            throw new IllegalStateException("The Kafka broker is not running");
        }
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }
}

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
 * separate JVM from the jars that {@code deploy/kafka-runtime} copies to its {@code target/lib}, authenticated
 * and authorized as in production:
 * <ul>
 *   <li>the client listener on 127.0.0.1 speaks SASL_PLAINTEXT with SCRAM-SHA-512 only;</li>
 *   <li>the controller listener speaks SASL_PLAINTEXT with PLAIN and one static user, {@code admin} (KRaft
 *       controllers cannot use SCRAM: their credentials live in the metadata they serve), so no anonymous
 *       connection is ever a super user;</li>
 *   <li>KRaft's {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}, {@code admin} the
 *       only super user, and {@link KafkaAccessPolicy}'s ACLs, users and topics applied at every start by
 *       {@link KafkaSecuritySetup}; no topic is auto-created.</li>
 * </ul>
 *
 * <p>Everything lives in one data directory: {@code server.properties} (mode 600: it holds the admin's JAAS
 * line), {@code log4j2.properties} and the partition data under {@code kraft/}. The storage is formatted on
 * first start only, with the admin's SCRAM credential bootstrapped ({@code --add-scram}, passed in a mode-600
 * argument file, never on the command line), so a restart with the same directory keeps topics and offsets.
 * A directory formatted by an older version (no SCRAM users) or for another admin password is reformatted,
 * and that is logged: it is a local broker's data, and the platform's durable state lives in Redis. Output
 * goes to the given log file.
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
    private final Map<String, String> passwords;
    private Process process;
    private boolean reformatted;

    /**
     * @param libDir         the broker's class path, see {@link #libDirectory(Path)}
     * @param dataDir        configuration and partition data; created if missing
     * @param port           the SASL_PLAINTEXT (SCRAM-SHA-512) client port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     * @param logFile        where the broker's output goes (appended)
     * @param secrets        the password of every {@link KafkaAccessPolicy#PRINCIPALS principal}, under its
     *                       secret name; other entries are ignored
     */
    public KafkaBrokerProcess(Path libDir, Path dataDir, int port, int controllerPort, Path logFile,
            Map<String, String> secrets) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (KafkaAccessPolicy.Principal principal : KafkaAccessPolicy.PRINCIPALS) {
            String password = secrets.get(principal.secretName());
            KafkaAccessPolicy.requireJaasSafe(password);
            passwords.put(principal.secretName(), password);
        }
        this.passwords = Map.copyOf(passwords);
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
     * Writes the configuration, formats the storage if it is new (or reformats storage without this platform's
     * SCRAM admin, see {@link #reformatted()}), starts the broker, waits until it answers requests and applies
     * {@link KafkaAccessPolicy} (users, topics, ACLs) as the admin.
     *
     * @throws IllegalStateException if a port is taken, formatting fails, the broker exits or does not answer
     *                               within {@code timeout}, or the access policy cannot be applied (the message
     *                               carries the end of its log)
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

        reformatted = false;
        if (Files.exists(kraftDir().resolve("meta.properties")) && !formattedForThisAdmin()) {
            // Formatted by an older version (PLAINTEXT, no SCRAM users) or for another admin password: the
            // admin could not log in to create users, topics and ACLs. A local broker's data: start afresh.
            LogFiles.appendLine(logFile, "The Kafka storage in " + kraftDir() + " was not formatted with this"
                    + " platform's SCRAM admin (older version or rotated secrets): reformatting it; its topics and"
                    + " offsets are dropped.");
            deleteRecursively(kraftDir());
            Files.deleteIfExists(formatMarker());
            reformatted = true;
        }
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
                    applyAccessPolicy(log4jConfig, Duration.between(Instant.now(), deadline));
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

    /**
     * {@code kafka-storage format} with the admin's SCRAM credential. The tool takes credentials only as
     * arguments, so the main class and its arguments go in a mode-600 Java argument file ({@code java @file}):
     * {@code ps} shows the file's name, never the password. The file is deleted at once.
     */
    private void format(Path serverProperties, Path log4jConfig, Duration timeout) throws IOException {
        Path argumentFile = dataDir.resolve("format.args");
        PrivateFiles.writeString(argumentFile, "kafka.tools.StorageTool format -t " + newClusterId() + " -c "
                + serverProperties + " --add-scram " + KafkaAccessPolicy.MECHANISM + "=[name="
                + KafkaAccessPolicy.ADMIN.name() + ",password=" + passwords.get(KafkaAccessPolicy.ADMIN.secretName())
                + "]\n");
        try {
            int exit = run(javaCommand(log4jConfig, "@" + argumentFile), "Formatting the Kafka storage", timeout);
            if (exit != 0) {
                throw failure("Formatting the Kafka storage failed (exit code " + exit + ")");
            }
        } finally {
            Files.deleteIfExists(argumentFile);
        }
        PrivateFiles.writeString(formatMarker(), adminFingerprint() + "\n");
    }

    /**
     * Creates the users, topics and ACLs of {@link KafkaAccessPolicy} as the admin ({@link KafkaSecuritySetup},
     * in a JVM with the broker's jars), with the passwords in a mode-600 file deleted afterwards.
     */
    private void applyAccessPolicy(Path log4jConfig, Duration timeout) throws IOException {
        Path settings = dataDir.resolve("security-setup.properties");
        StringBuilder text = new StringBuilder("bootstrap.servers=" + bootstrapServers() + "\n");
        passwords.forEach((name, password) -> text.append(name).append('=').append(password).append('\n'));
        PrivateFiles.writeString(settings, text);
        try {
            List<String> command = javaCommand(log4jConfig, KafkaSecuritySetup.class.getName(), settings.toString());
            int classPath = command.indexOf("-cp") + 1;
            command.set(classPath, launcherClassPath() + java.io.File.pathSeparator + command.get(classPath));
            int exit = run(command, "Creating Kafka's users, topics and ACLs", timeout);
            if (exit != 0) {
                stop();
                throw failure("Creating Kafka's users, topics and ACLs failed (exit code " + exit + ")");
            }
        } finally {
            Files.deleteIfExists(settings);
        }
    }

    private int run(List<String> command, String what, Duration timeout) throws IOException {
        Process tool = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!tool.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                tool.destroyForcibly();
                throw failure(what + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tool.destroyForcibly();
            throw new IOException("Interrupted: " + what, e);
        }
        return tool.exitValue();
    }

    /** Where this class was loaded from (the launcher's jar, or target/classes in a build). */
    private static String launcherClassPath() {
        try {
            return Path.of(KafkaBrokerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the launcher's classes", e);
        }
    }

    private boolean formattedForThisAdmin() throws IOException {
        return Files.isRegularFile(formatMarker())
                && Files.readString(formatMarker(), StandardCharsets.UTF_8).trim().equals(adminFingerprint());
    }

    /**
     * Names the admin password the storage was formatted with, without revealing it: SHA-256 of the
     * mechanism and a 256-bit random password, which cannot be inverted or guessed.
     */
    private String adminFingerprint() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (KafkaAccessPolicy.MECHANISM + ":" + passwords.get(KafkaAccessPolicy.ADMIN.secretName()))
                            .getBytes(StandardCharsets.UTF_8));
            return KafkaAccessPolicy.MECHANISM + " admin " + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Path formatMarker() {
        return dataDir.resolve("kraft-security");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
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
        settings.put("listeners", "CLIENT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "CLIENT://127.0.0.1:" + port);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "CLIENT");
        settings.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        // Clients (and the broker's own inter-broker client): SCRAM-SHA-512, users in the cluster metadata.
        String admin = KafkaAccessPolicy.ADMIN.name();
        String adminPassword = passwords.get(KafkaAccessPolicy.ADMIN.secretName());
        settings.put("listener.name.client.sasl.enabled.mechanisms", KafkaAccessPolicy.MECHANISM);
        settings.put("sasl.mechanism.inter.broker.protocol", KafkaAccessPolicy.MECHANISM);
        settings.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                KafkaAccessPolicy.jaasConfig(admin, adminPassword));
        // The controller: PLAIN with one static user, the admin (SCRAM is not available to KRaft controllers).
        settings.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        settings.put("sasl.mechanism.controller.protocol", "PLAIN");
        settings.put("listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin
                        + "\" password=\"" + adminPassword + "\" user_" + admin + "=\"" + adminPassword + "\";");
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("allow.everyone.if.no.acl.found", "false");
        settings.put("super.users", "User:" + admin);
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
        settings.put("auto.create.topics.enable", "false");
        settings.put("num.partitions", "1");
        // A local broker shares a small machine with the services it serves: the defaults (3 network and
        // 8 request threads) mostly wake each other up; two of each keep up with the STS at full load.
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "2");

        StringBuilder text = new StringBuilder("# Written by dev.sts.deploy.KafkaBrokerProcess at every start.\n");
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Path file = dataDir.resolve("server.properties");
        PrivateFiles.writeString(file, text);
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

    /** Whether the last {@link #start} found storage it could not use and formatted it afresh. */
    public boolean reformatted() {
        return reformatted;
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

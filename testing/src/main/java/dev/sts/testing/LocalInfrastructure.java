package dev.sts.testing;

import dev.sts.deploy.KafkaAccessPolicy;
import dev.sts.deploy.KafkaBrokerProcess;
import dev.sts.deploy.PlatformSecrets;
import dev.sts.deploy.Ports;
import dev.sts.deploy.ProjectRoot;
import dev.sts.deploy.RedisServerProcess;
import dev.sts.deploy.RedisUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One private Redis and one real Kafka broker for the whole test JVM, started on first use on free ports in a
 * temporary directory and stopped by a shutdown hook. There is no Docker here, so they run as local
 * processes (see {@code dev.sts.deploy}); the shared Redis on 6379 is never used. Redis runs exactly as
 * {@code ./sts up} runs it (the same {@link RedisServerProcess}): the platform's ACL users ({@link RedisUsers}) with
 * passwords generated for this JVM, and an append-only file fsynced on every write. The broker is authenticated and authorized exactly as
 * {@code ./sts up}'s ({@link KafkaAccessPolicy}), with passwords from the same per-JVM secrets:
 * {@link #kafkaClientSettings} logs a client in as one principal.
 *
 * <p>Needs redis-server on the PATH and the broker's jars in {@code deploy/kafka-runtime/target/lib} (built by
 * {@code mvn -pl <module> -am test}). Without either it fails loudly: tests that need them are never skipped.
 * The project root is found by walking up from the working directory, or given as {@code -Dsts.projectRoot}.
 */
public final class LocalInfrastructure {

    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(90);

    private static LocalInfrastructure instance;
    private static RuntimeException startFailure;

    private final Path dir;
    private final PlatformSecrets secrets;
    private final RedisServerProcess redis;
    private final KafkaBrokerProcess kafka;

    private LocalInfrastructure(Path dir, PlatformSecrets secrets, RedisServerProcess redis, KafkaBrokerProcess kafka) {
        this.dir = dir;
        this.secrets = secrets;
        this.redis = redis;
        this.kafka = kafka;
    }

    /**
     * The JVM's infrastructure, started on the first call (a few seconds); later calls return it at once.
     *
     * @throws IllegalStateException if it cannot start; later calls throw the same failure without retrying
     */
    public static synchronized LocalInfrastructure get() {
        if (startFailure != null) {
            throw startFailure;
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "sts-local-infrastructure-stop"));
        }
        return instance;
    }

    private static LocalInfrastructure start() {
        if (!RedisServerProcess.isAvailable()) {
            throw new IllegalStateException("redis-server is not on the PATH. The services' tests run against a real"
                    + " Redis, started as a local process because this machine has no Docker. Install it"
                    + " (Debian: apt-get install redis-server) and run the tests again.");
        }
        String rootProperty = System.getProperty("sts.projectRoot");
        Path root = rootProperty != null ? Path.of(rootProperty) : ProjectRoot.find();
        Path lib = KafkaBrokerProcess.libDirectory(root);
        Path dir;
        try {
            dir = Files.createTempDirectory("sts-test-infrastructure-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for Redis and Kafka", e);
        }
        PlatformSecrets secrets = PlatformSecrets.generate();
        RedisServerProcess redis = new RedisServerProcess(Ports.freePort(), dir.resolve("redis"), secrets);
        int kafkaPort = Ports.freePort();
        int controllerPort = Ports.freePort();
        while (controllerPort == kafkaPort || controllerPort == redis.port()) {
            controllerPort = Ports.freePort();
        }
        KafkaBrokerProcess kafka = new KafkaBrokerProcess(lib, dir.resolve("kafka"), kafkaPort, controllerPort,
                dir.resolve("kafka.log"), secrets.all());
        LocalInfrastructure infrastructure = new LocalInfrastructure(dir, secrets, redis, kafka);
        try {
            // One after the other: on two cores, the broker's start is the long pole anyway.
            redis.start(REDIS_TIMEOUT);
            kafka.start(KAFKA_TIMEOUT);
            return infrastructure;
        } catch (IOException | RuntimeException e) {
            infrastructure.stop();
            throw new IllegalStateException("Cannot start the local test infrastructure: " + e.getMessage(), e);
        }
    }

    /** Stops Kafka and Redis and deletes their directory. Runs from the shutdown hook. */
    private void stop() {
        try {
            kafka.stop();
        } finally {
            redis.stop();
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort at JVM exit: a leftover temp directory is harmless.
        }
    }

    /** The private Redis's port on 127.0.0.1. */
    public int redisPort() {
        return redis.port();
    }

    /** {@code redis://127.0.0.1:<port>}, without credentials: for messages. */
    public String redisUrl() {
        return redis.url();
    }

    /** {@code redis://<user>:<password>@127.0.0.1:<port>}, as {@code quarkus.redis.hosts} takes it, for one user. */
    public String redisUrlFor(RedisUsers.User user) {
        return redis.urlFor(user);
    }

    /** The password of one of the Redis users, for a test that connects with explicit credentials. */
    public String redisPassword(RedisUsers.User user) {
        return secrets.redisPassword(user);
    }

    /** {@code 127.0.0.1:<port>}, for {@code kafka.bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * What a Kafka client needs to log in as {@code principal}: {@code bootstrap.servers} and its SCRAM settings
     * ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}, which holds the password).
     */
    public Map<String, String> kafkaClientSettings(KafkaAccessPolicy.Principal principal) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", kafkaBootstrapServers());
        settings.putAll(KafkaAccessPolicy.clientSettings(principal.name(), secrets.kafkaPassword(principal)));
        return settings;
    }

    /** The broker's log, for a test that wants to look. */
    public Path kafkaLogFile() {
        return kafka.logFile();
    }
}

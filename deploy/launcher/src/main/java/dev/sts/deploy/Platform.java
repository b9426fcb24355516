package dev.sts.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The whole local platform: a private Redis, a Kafka broker and the four services, each a local process.
 *
 * <p>{@link #up()} starts them in dependency order and records each pid in {@code <state>/run/}, so that
 * {@link #down()} and {@link #status()} work from any JVM (that is how {@code ./sts down} finds what
 * {@code ./sts up} started). Logs go to {@code <state>/logs/<component>.log}. The services get all their
 * configuration through environment variables, see {@link #environmentFor}.
 *
 * <p>From a test: {@code new Platform(PlatformConfig.forTests(root, tempDir))}, {@code up()}, then
 * {@code down()} (or try-with-resources).
 */
public final class Platform implements AutoCloseable {

    /**
     * The services in start order: token-service asks policy-service (keys) and federation-service (web identity
     * tokens); federation-service reads the IAM state policy-service writes; audit-service only consumes events.
     */
    public static final List<String> SERVICES = List.of("policy-service", "federation-service", "token-service",
            "audit-service");
    public static final String REDIS = "redis";
    /** The Redis key of federation-service's outbound signing keys ({@code SigningKeyRing.KEY}). */
    static final String OUTBOUND_SIGNING_KEYS = "sts:federation:signing-keys";
    public static final String KAFKA = "kafka";

    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Four JVMs boot at once on two cores: on a busy machine policy-service alone took 56 s to start, so one minute
     * was not enough for all of them.
     */
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final PlatformConfig config;
    private final PrintStream out;

    public Platform(PlatformConfig config) {
        this(config, System.out);
    }

    /** @param out where progress and warnings go */
    public Platform(PlatformConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * Starts Redis (or warns and uses the in-memory store, if allowed and redis-server is missing), Kafka, then
     * the four services, and writes the AWS profile files. Returns once every service reports ready.
     *
     * @throws IllegalStateException if the platform already runs, something is not built, a port is taken, or
     *                               a component does not start (everything started so far is stopped again)
     */
    public void up() throws IOException {
        requireNotRunning();
        requireKekForStoredSecrets();
        Path kafkaLib = KafkaBrokerProcess.libDirectory(config.projectRoot());
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String service : SERVICES) {
            jars.put(service, ServiceProcess.jarOf(config.projectRoot(), service));
        }
        boolean redis = RedisServerProcess.isAvailable();
        if (!redis && !config.allowMemoryStore()) {
            throw new IllegalStateException("redis-server is not on the PATH, and this platform may not fall back to"
                    + " the in-memory store. Install Redis (Debian: apt-get install redis-server).");
        }
        requirePortsFree(redis);
        makePrivate(config.stateDir());
        Files.createDirectories(config.runDir());
        Files.createDirectories(config.logsDir());
        Files.createDirectories(auditArchiveDir());
        PlatformSecrets secrets = secrets();

        try {
            if (redis) {
                startRedis(secrets);
            } else {
                warnMemoryStore();
            }

            long kafkaStarted = System.nanoTime();
            KafkaBrokerProcess kafka = new KafkaBrokerProcess(kafkaLib, config.stateDir().resolve("kafka"),
                    config.kafkaPort(), config.kafkaControllerPort(), logFile(KAFKA), secrets.all());
            kafka.start(KAFKA_TIMEOUT);
            if (kafka.reformatted()) {
                out.println("kafka           storage was formatted by an older version (no SCRAM users): reformatted,"
                        + " see " + logFile(KAFKA));
            }
            kafkaPidFile().write(kafka.pid());
            report(KAFKA, config.kafkaBootstrapServers(), kafkaStarted);

            // Start them all, then wait: they boot in parallel on both cores.
            long servicesStarted = System.nanoTime();
            List<ServiceProcess> services = new ArrayList<>();
            for (String name : SERVICES) {
                ServiceProcess service = new ServiceProcess(name, jars.get(name), portOf(name), managementPortOf(name),
                        environmentFor(name, secrets, redis), logFile(name));
                service.start();
                servicePidFile(name).write(service.pid());
                services.add(service);
            }
            for (ServiceProcess service : services) {
                service.awaitReady(SERVICE_TIMEOUT);
                report(service.name(), "http://127.0.0.1:" + service.port(), servicesStarted);
            }

            AwsProfileFiles.write(config.awsConfigFile(), config.awsCredentialsFile(),
                    config.stsEndpoint(), config.iamEndpoint());
        } catch (IOException | RuntimeException e) {
            out.println("Start failed; stopping what was started.");
            down();
            throw e;
        }
    }

    /**
     * The environment a service runs with. Every service gets the shared settings; each also gets its own
     * (token-service: the policy-service and federation-service URLs; policy-service: the bootstrap file;
     * federation-service: its issuer base; audit-service: the archive).
     *
     * <p>Web identity federation, local profile: policy-service (CreateOpenIDConnectProvider) and federation-service
     * (discovery, JWKS) accept {@code http://127.0.0.1:PORT/…} and {@code http://localhost:PORT/…} issuers besides
     * https ({@code sts.federation.allow-loopback-http-issuers}; false, https only, by default, as in production),
     * so that a developer or a test can run an issuer on this machine. Both learn the outbound issuer base (where
     * federation-service publishes GetWebIdentityToken's discovery document and keys): federation-service's
     * public port here.
     */
    Map<String, String> environmentFor(String service, PlatformSecrets secrets, boolean redis) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(portOf(service)));
        // The service's own ACL user (RedisUsers); the password is in the URL, which neither Quarkus nor Vert.x logs.
        RedisUsers.ofService(service).ifPresent(user -> env.put("QUARKUS_REDIS_HOSTS",
                redisProcess(secrets).urlFor(user)));
        if (!redis) {
            // Nothing listens there: keep the Redis health check from holding readiness down.
            env.put("QUARKUS_REDIS_HEALTH_ENABLED", "false");
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrapServers());
        KafkaAccessPolicy.Principal kafkaPrincipal = KafkaAccessPolicy.forService(service);
        env.put("KAFKA_SECURITY_PROTOCOL", KafkaAccessPolicy.SECURITY_PROTOCOL);
        env.put("KAFKA_SASL_MECHANISM", KafkaAccessPolicy.MECHANISM);
        env.put("KAFKA_SASL_JAAS_CONFIG", KafkaAccessPolicy.jaasConfig(kafkaPrincipal.name(),
                secrets.kafkaPassword(kafkaPrincipal)));
        env.put("STS_STORE", redis ? "redis" : "memory");
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPortOf(service)));
        serviceCredentials(service, secrets, env);
        if (!service.equals("federation-service")) {
            // federation-service never opens a session token: it validates external tokens and signs its own.
            env.put("STS_TOKEN_KEYS", secrets.tokenKeys());
        }
        switch (service) {
            case "token-service" -> {
                env.put("STS_POLICY_SERVICE_URL", config.iamEndpoint());
                env.put("STS_FEDERATION_SERVICE_URL", config.federationEndpoint());
            }
            case "policy-service" -> {
                env.put("STS_BOOTSTRAP_FILE", config.projectRoot().resolve("deploy/bootstrap.yaml").toString());
                env.put(PlatformSecrets.KEK, secrets.kek()); // policy-service seals access keys and MFA seeds
                federationSettings(env);
            }
            case "federation-service" -> {
                env.put(PlatformSecrets.KEK, secrets.kek()); // federation-service seals its outbound signing keys
                federationSettings(env);
            }
            case "audit-service" -> {
                env.put("STS_AUDIT_ARCHIVE_DIR", auditArchiveDir().toString());
                // The audit API is authenticated and authorized by policy-service (its authorize credential above).
                env.put("STS_POLICY_SERVICE_URL", config.iamEndpoint());
            }
            default -> throw new IllegalArgumentException("Not a platform service: " + service);
        }
        return env;
    }

    /**
     * What policy-service and federation-service share about web identity federation, see
     * {@link #environmentFor}: loopback http issuers allowed, and the outbound issuer base. policy-service reads
     * the base as {@code sts.federation.outbound-issuer-base} ({@code STS_FEDERATION_OUTBOUND_ISSUER_BASE}), federation-
     * service under the same key (its own issuers' tokens are refused by AssumeRoleWithWebIdentity).
     */
    private void federationSettings(Map<String, String> env) {
        env.put("STS_FEDERATION_ALLOW_LOOPBACK_HTTP_ISSUERS", "true");
        env.put("STS_FEDERATION_OUTBOUND_ISSUER_BASE", config.federationEndpoint());
    }

    /**
     * Each service gets only the service credentials it presents or checks: token-service presents its
     * key-resolution credential and its federation credential and checks admin credentials; policy-service checks
     * key-resolution, admin and the configured authorize clients (audit-service's); federation-service checks the
     * federation credential and admin credentials; audit-service presents its authorize credential.
     */
    private static void serviceCredentials(String service, PlatformSecrets secrets, Map<String, String> env) {
        switch (service) {
            case "token-service" -> {
                env.put(PlatformSecrets.KEY_RESOLUTION_TOKEN, secrets.keyResolutionToken());
                env.put(PlatformSecrets.FEDERATION_TOKEN, secrets.federationToken());
                env.put(PlatformSecrets.ADMIN_TOKEN, secrets.adminToken());
            }
            case "federation-service" -> {
                env.put(PlatformSecrets.FEDERATION_TOKEN, secrets.federationToken());
                env.put(PlatformSecrets.ADMIN_TOKEN, secrets.adminToken());
            }
            case "policy-service" -> {
                env.put(PlatformSecrets.KEY_RESOLUTION_TOKEN, secrets.keyResolutionToken());
                env.put(PlatformSecrets.ADMIN_TOKEN, secrets.adminToken());
                env.put("STS_CREDENTIALS_AUTHORIZE", secrets.auditServiceAuthorizeToken());
            }
            case "audit-service" -> env.put("STS_AUTHORIZE_TOKEN", secrets.auditServiceAuthorizeToken());
            default -> throw new IllegalArgumentException("Not a platform service: " + service);
        }
    }

    /**
     * Stops one service and starts it again with the same settings, leaving Redis, Kafka and the other
     * services running: how a rolling restart or a crashed instance looks to the rest of the platform.
     */
    public void restart(String service) throws IOException {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("Not a platform service: " + service + ". One of: " + String.join(", ", SERVICES));
        }
        stop(service, servicePidFile(service));
        boolean redis = redisPidFile().liveProcess().isPresent();
        long started = System.nanoTime();
        ServiceProcess process = new ServiceProcess(service, ServiceProcess.jarOf(config.projectRoot(), service),
                portOf(service), managementPortOf(service), environmentFor(service, secrets(), redis), logFile(service));
        process.start();
        servicePidFile(service).write(process.pid());
        process.awaitReady(SERVICE_TIMEOUT);
        report(service, "http://127.0.0.1:" + process.port(), started);
    }

    /**
     * Kills Redis with SIGKILL, as a crash would: no shutdown, no final fsync. What Redis acknowledged before is in
     * its append-only file; {@link #restartRedis()} loads it again. The services keep running and reconnect.
     */
    public void killRedis() {
        Optional<Long> pid = redisPidFile().liveProcess().map(ProcessHandle::pid);
        redisProcess(secrets()).kill();
        out.printf("%-15s killed (pid %d)%n", REDIS, pid.orElse(-1L));
    }

    /** Starts Redis again on the same port, directory and ACL users (after {@link #killRedis()} or a crash). */
    public void restartRedis() throws IOException {
        stop(REDIS, redisPidFile());
        startRedis(secrets());
    }

    private void startRedis(PlatformSecrets secrets) throws IOException {
        long started = System.nanoTime();
        redisProcess(secrets).start(REDIS_TIMEOUT);
        report(REDIS, config.redisUrl(), started);
    }

    /**
     * Whether every outbound signing key federation-service keeps is sealed under the key-encryption key
     * {@code kekId} (none under another): what {@code ./sts rotate-kek} waits for before it drops the old keys.
     * federation-service seals its keys again when it starts. True when it has no keys yet.
     */
    public boolean outboundKeysSealedUnder(String kekId) throws IOException {
        Optional<String> keys = redisProcess(secrets()).getAsAdmin(OUTBOUND_SIGNING_KEYS);
        return keys.isEmpty() || !Pattern.compile("\"v1:(?!" + Pattern.quote(kekId) + ":)")
                .matcher(keys.get()).find();
    }

    /** The platform's Redis: its port, its directory under the state directory, its pid and log files, its users. */
    private RedisServerProcess redisProcess(PlatformSecrets secrets) {
        return new RedisServerProcess(config.redisPort(), config.stateDir().resolve("redis"), redisPidFile().path(),
                logFile(REDIS), secrets);
    }

    /** Stops everything recorded in the pid files: the services, then Kafka, then Redis. Safe to call twice. */
    public void down() {
        List<String> reversed = new ArrayList<>(SERVICES);
        java.util.Collections.reverse(reversed);
        for (String service : reversed) {
            stop(service, servicePidFile(service));
        }
        stop(KAFKA, kafkaPidFile());
        stop(REDIS, redisPidFile());
    }

    private void stop(String component, PidFile pidFile) {
        Optional<Long> pid = pidFile.liveProcess().map(ProcessHandle::pid);
        if (pidFile.stopAndDelete(STOP_GRACE)) {
            out.printf("%-15s stopped (pid %d)%n", component, pid.orElse(-1L));
        }
    }

    /** Each component with its endpoint, its recorded live pid (if any) and whether it answers there. */
    public List<ComponentStatus> status() {
        List<ComponentStatus> status = new ArrayList<>();
        status.add(new ComponentStatus(REDIS, config.redisUrl(), livePid(redisPidFile()),
                RedisServerProcess.answersPing(config.redisPort())));
        status.add(new ComponentStatus(KAFKA, config.kafkaBootstrapServers(), livePid(kafkaPidFile()),
                KafkaReadinessProbe.answers(config.kafkaPort(), Duration.ofSeconds(2))));
        for (String service : SERVICES) {
            status.add(new ComponentStatus(service, "http://127.0.0.1:" + portOf(service),
                    livePid(servicePidFile(service)), ServiceProcess.isReady(managementPortOf(service))));
        }
        return status;
    }

    /**
     * One line of {@link #status()}.
     *
     * @param pid     the recorded process, if it is alive; {@code null} otherwise
     * @param answers Redis answers PING, Kafka answers ApiVersions, a service's readiness check answers 200
     */
    public record ComponentStatus(String name, String endpoint, Long pid, boolean answers) {
    }

    /** Stops the platform: {@link #down()}. */
    @Override
    public void close() {
        down();
    }

    public PlatformConfig config() {
        return config;
    }

    /** The secrets the services run with: those kept in the state directory ({@code secrets.properties}). */
    public PlatformSecrets secrets() {
        return PlatformSecrets.loadOrCreate(config.stateDir());
    }

    /**
     * What a Kafka client needs to log in to this platform's broker as {@code principal}: {@code bootstrap.servers}
     * and its SCRAM settings ({@code sasl.jaas.config} holds the password), for tests and operator tools.
     */
    public Map<String, String> kafkaClientSettings(KafkaAccessPolicy.Principal principal) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", config.kafkaBootstrapServers());
        settings.putAll(KafkaAccessPolicy.clientSettings(principal.name(), secrets().kafkaPassword(principal)));
        return settings;
    }

    /** {@code <state>/logs/<component>.log}; component is {@link #REDIS}, {@link #KAFKA} or a service name. */
    public Path logFile(String component) {
        return config.logsDir().resolve(component + ".log");
    }

    /** The HTTP port of a service in {@link #SERVICES}. */
    public int portOf(String service) {
        return switch (service) {
            case "policy-service" -> config.iamPort();
            case "token-service" -> config.stsPort();
            case "audit-service" -> config.auditPort();
            case "federation-service" -> config.federationPort();
            default -> throw new IllegalArgumentException("Not a platform service: " + service);
        };
    }

    /** The management port (admin API, health; loopback only) of a service in {@link #SERVICES}. */
    public int managementPortOf(String service) {
        return switch (service) {
            case "policy-service" -> config.iamManagementPort();
            case "token-service" -> config.stsManagementPort();
            case "audit-service" -> config.auditManagementPort();
            case "federation-service" -> config.federationManagementPort();
            default -> throw new IllegalArgumentException("Not a platform service: " + service);
        };
    }

    private Path auditArchiveDir() {
        return config.stateDir().resolve("audit-archive");
    }

    private PidFile redisPidFile() {
        return RedisServerProcess.pidFileFor(config.runDir().resolve("redis.pid"));
    }

    private PidFile kafkaPidFile() {
        return KafkaBrokerProcess.pidFileFor(config.runDir().resolve("kafka.pid"));
    }

    private PidFile servicePidFile(String service) {
        return ServiceProcess.pidFileFor(config.runDir().resolve(service + ".pid"),
                ServiceProcess.expectedJar(config.projectRoot(), service));
    }

    private static Long livePid(PidFile pidFile) {
        return pidFile.liveProcess().map(ProcessHandle::pid).orElse(null);
    }

    /**
     * The state directory holds the audit archive, Redis's and Kafka's data and the logs: only its owner may enter it
     * (the secrets files inside are mode 600 besides).
     */
    private void makePrivate(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: nothing to tighten.
        }
    }

    /**
     * A KEK is generated only for a Redis that holds nothing sealed yet: with Redis's data kept, a new one would
     * leave every stored access key and MFA device unopenable, silently.
     */
    private void requireKekForStoredSecrets() {
        if (Files.isDirectory(config.stateDir().resolve("redis").resolve("appendonlydir"))
                && !PlatformSecrets.holds(config.stateDir(), PlatformSecrets.KEK)) {
            throw new IllegalStateException(config.stateDir().resolve(PlatformSecrets.FILE_NAME) + " has no "
                    + PlatformSecrets.KEK + ", but Redis in " + config.stateDir().resolve("redis") + " keeps sealed"
                    + " secrets: a new key could not open them. Restore the file, or start afresh by deleting "
                    + config.stateDir() + " (everything created through the IAM API is then lost).");
        }
    }

    private void requireNotRunning() {
        List<String> running = new ArrayList<>();
        for (ComponentStatus component : status()) {
            if (component.pid() != null) {
                running.add(component.name() + " (pid " + component.pid() + ")");
            }
        }
        if (!running.isEmpty()) {
            throw new IllegalStateException("The platform in " + config.stateDir() + " is already running: "
                    + String.join(", ", running) + ". Stop it first (./sts down).");
        }
    }

    private void requirePortsFree(boolean redis) {
        if (redis) {
            Ports.requireFree(REDIS, config.redisPort());
        }
        Ports.requireFree(KAFKA, config.kafkaPort());
        Ports.requireFree("the Kafka controller", config.kafkaControllerPort());
        for (String service : SERVICES) {
            Ports.requireFree(service, portOf(service));
            Ports.requireFree(service + " (management)", managementPortOf(service));
        }
    }

    private void report(String component, String endpoint, long startedNanos) {
        out.printf("%-15s ready at %-28s (%.1f s)%n", component, endpoint, (System.nanoTime() - startedNanos) / 1e9);
    }

    private void warnMemoryStore() {
        String bar = "*".repeat(78);
        out.println(bar);
        out.println("* WARNING: redis-server is not on the PATH, so the services run with STS_STORE=memory.");
        out.println("* What the services store lives in each one's memory: it is lost on restart and not");
        out.println("* shared between them. Install Redis (Debian: apt-get install redis-server).");
        out.println(bar);
    }
}

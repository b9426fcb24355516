package dev.sts.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The platform's generated secrets, kept in {@code <state>/secrets.properties} (mode 600) under the names of the
 * environment variables that carry them, so that a restart keeps issued session tokens and stored secrets valid.
 *
 * <p>Each secret the platform needs is one entry of {@link #KINDS}: its name and how to generate it. A state
 * directory written by an older version that lacks a newer secret gets it generated and saved on the next
 * {@link #loadOrCreate}; existing values are never replaced.
 */
public final class PlatformSecrets {

    static final String FILE_NAME = "secrets.properties";
    /** token-service's key-resolution credential for policy-service's {@code /internal/*}: {@code token-service.<random>}. */
    public static final String KEY_RESOLUTION_TOKEN = "STS_KEY_RESOLUTION_TOKEN";
    /** The operators' credential for every service's admin API (management port): {@code operator.<random>}. */
    public static final String ADMIN_TOKEN = "STS_ADMIN_TOKEN";
    /**
     * audit-service's own authorize credential ({@code audit-service.<random>}): given to audit-service as
     * {@code STS_AUTHORIZE_TOKEN}, and to policy-service as a configured authorize client.
     */
    public static final String AUDIT_SERVICE_AUTHORIZE_TOKEN = "STS_AUTHORIZE_TOKEN_AUDIT_SERVICE";
    /** The session-token sealing keys: {@code id:base64(32 bytes)} entries separated by commas, the first active. */
    public static final String TOKEN_KEYS = "STS_TOKEN_KEYS";
    /**
     * The key-encryption key ring that seals access-key secrets and MFA seeds at rest: {@code id:base64(32 bytes)}
     * entries separated by commas, the first active. Given to policy-service and federation-service (its signing keys).
     */
    public static final String KEK = "STS_KEK";
    /** Redis ACL passwords (see {@link RedisUsers}), one per user; audit-service does not use Redis and has none. */
    public static final String REDIS_PASSWORD_POLICY_SERVICE = "STS_REDIS_PASSWORD_POLICY_SERVICE";
    public static final String REDIS_PASSWORD_TOKEN_SERVICE = "STS_REDIS_PASSWORD_TOKEN_SERVICE";
    public static final String REDIS_PASSWORD_ADMIN = "STS_REDIS_PASSWORD_ADMIN";
    public static final String REDIS_PASSWORD_FEDERATION_SERVICE = "STS_REDIS_PASSWORD_FEDERATION_SERVICE";
    /** The Kafka SCRAM passwords, one per {@link KafkaAccessPolicy#PRINCIPALS principal}: 32 random bytes, URL-safe base64. */
    public static final String KAFKA_PASSWORD_POLICY_SERVICE = "STS_KAFKA_PASSWORD_POLICY_SERVICE";
    public static final String KAFKA_PASSWORD_TOKEN_SERVICE = "STS_KAFKA_PASSWORD_TOKEN_SERVICE";
    public static final String KAFKA_PASSWORD_AUDIT_SERVICE = "STS_KAFKA_PASSWORD_AUDIT_SERVICE";
    public static final String KAFKA_PASSWORD_ADMIN = "STS_KAFKA_PASSWORD_ADMIN";
    public static final String KAFKA_PASSWORD_AUDIT_READER = "STS_KAFKA_PASSWORD_AUDIT_READER";
    public static final String KAFKA_PASSWORD_FEDERATION_SERVICE = "STS_KAFKA_PASSWORD_FEDERATION_SERVICE";
    /** token-service's credential for federation-service's internal API ({@code X-Sts-Federation-Token}). */
    public static final String FEDERATION_TOKEN = "STS_FEDERATION_TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One generated secret: the environment variable that carries it and how a fresh one is made. */
    record Kind(String name, Supplier<String> generator) {
    }

    /** Every secret the platform generates, in file order. Add a secret here (and give it an accessor). */
    static final List<Kind> KINDS = List.of(
            new Kind(KEY_RESOLUTION_TOKEN, () -> "token-service." + randomToken()),
            new Kind(ADMIN_TOKEN, () -> "operator." + randomToken()),
            new Kind(AUDIT_SERVICE_AUTHORIZE_TOKEN, () -> "audit-service." + randomToken()),
            new Kind(TOKEN_KEYS, () -> "k1:" + Base64.getEncoder().encodeToString(randomBytes(32))),
            new Kind(KEK, () -> newKek("kek1")),
            new Kind(REDIS_PASSWORD_POLICY_SERVICE, PlatformSecrets::randomToken),
            new Kind(REDIS_PASSWORD_TOKEN_SERVICE, PlatformSecrets::randomToken),
            new Kind(REDIS_PASSWORD_ADMIN, PlatformSecrets::randomToken),
            new Kind(KAFKA_PASSWORD_POLICY_SERVICE, PlatformSecrets::randomToken),
            new Kind(KAFKA_PASSWORD_TOKEN_SERVICE, PlatformSecrets::randomToken),
            new Kind(KAFKA_PASSWORD_AUDIT_SERVICE, PlatformSecrets::randomToken),
            new Kind(KAFKA_PASSWORD_ADMIN, PlatformSecrets::randomToken),
            new Kind(KAFKA_PASSWORD_AUDIT_READER, PlatformSecrets::randomToken),
            new Kind(REDIS_PASSWORD_FEDERATION_SERVICE, PlatformSecrets::randomToken),
            new Kind(KAFKA_PASSWORD_FEDERATION_SERVICE, PlatformSecrets::randomToken),
            new Kind(FEDERATION_TOKEN, () -> "token-service." + randomToken()));

    private final Map<String, String> values;

    private PlatformSecrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Fresh random values for every kind. */
    public static PlatformSecrets generate() {
        Map<String, String> values = new LinkedHashMap<>();
        KINDS.forEach(kind -> values.put(kind.name(), kind.generator().get()));
        return new PlatformSecrets(values);
    }

    /** Fresh secrets with some values given, for tests. */
    static PlatformSecrets generateWith(Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>(generate().values);
        values.putAll(given);
        return new PlatformSecrets(values);
    }

    /** Whether {@code stateDir}'s secrets file already holds {@code name} (nothing is generated). */
    public static boolean holds(Path stateDir, String name) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            String value = Files.isRegularFile(file) ? load(file).get(name) : null;
            return value != null && !value.isBlank();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The secrets in {@code stateDir}, generating and saving any that are missing (all of them on first use). */
    public static PlatformSecrets loadOrCreate(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            Map<String, String> values = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                values.putAll(load(file));
            }
            boolean added = false;
            for (Kind kind : KINDS) {
                if (values.get(kind.name()) == null || values.get(kind.name()).isBlank()) {
                    values.put(kind.name(), kind.generator().get());
                    added = true;
                }
            }
            PlatformSecrets secrets = new PlatformSecrets(values);
            if (added) {
                secrets.save(file);
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    /**
     * Replaces one secret in {@code stateDir}'s file (the others kept) and returns the secrets now kept there:
     * how {@code ./sts rotate-kek} changes the key-encryption key ring. Takes effect for a service when it restarts.
     */
    public static PlatformSecrets replace(Path stateDir, String name, String value) {
        if (KINDS.stream().noneMatch(kind -> kind.name().equals(name))) {
            throw new IllegalArgumentException("Not a platform secret: " + name);
        }
        Map<String, String> values = new LinkedHashMap<>(loadOrCreate(stateDir).values);
        values.put(name, Objects.requireNonNull(value));
        PlatformSecrets secrets = new PlatformSecrets(values);
        Path file = stateDir.resolve(FILE_NAME);
        try {
            secrets.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return secrets;
    }

    /** A fresh key-encryption key in ring form: {@code keyId:base64(32 random bytes)}. */
    public static String newKek(String keyId) {
        return keyId + ":" + Base64.getEncoder().encodeToString(randomBytes(32));
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private void save(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder("# Generated by dev.sts.deploy.PlatformSecrets. Keep private; deleting"
                + " it rotates everything (issued session tokens then stop working).\n");
        for (Kind kind : KINDS) {
            text.append(kind.name()).append('=').append(values.get(kind.name())).append('\n');
        }
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            // Created with mode 600 from the start: the secrets are never readable by others, not even briefly.
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Someone else is writing " + temporary, e);
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The value of one secret, by its environment variable's name. */
    public String value(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Not a platform secret: " + name);
        }
        return value;
    }

    /** Every secret by name: what a secret scan looks for. */
    public Map<String, String> all() {
        return values;
    }

    public String keyResolutionToken() {
        return value(KEY_RESOLUTION_TOKEN);
    }

    public String adminToken() {
        return value(ADMIN_TOKEN);
    }

    public String auditServiceAuthorizeToken() {
        return value(AUDIT_SERVICE_AUTHORIZE_TOKEN);
    }

    /** token-service's credential for federation-service's internal API: {@code token-service.<random>}. */
    public String federationToken() {
        return value(FEDERATION_TOKEN);
    }

    public String tokenKeys() {
        return value(TOKEN_KEYS);
    }

    public String kek() {
        return value(KEK);
    }

    /** The password of a Redis ACL user ({@link RedisUsers}). */
    public String redisPassword(RedisUsers.User user) {
        return value(user.passwordSecret());
    }

    /** The Kafka password of {@code principal} (one of {@link KafkaAccessPolicy#PRINCIPALS}). */
    public String kafkaPassword(KafkaAccessPolicy.Principal principal) {
        return value(principal.secretName());
    }

    static String randomToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlatformSecrets secrets && values.equals(secrets.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    /** Keeps the secrets out of logs and assertion messages. */
    @Override
    public String toString() {
        return "PlatformSecrets" + values.keySet() + " (values hidden)";
    }
}

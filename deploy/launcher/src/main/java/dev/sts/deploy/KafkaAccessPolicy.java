package dev.sts.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may do what on the platform's Kafka: the one definition of the platform's topics, its SCRAM principals
 * and their ACLs. The local broker ({@link KafkaBrokerProcess}, used by {@code ./sts up} and the tests) applies
 * exactly this; {@link #kafkaAclsCommands} prints the same as {@code kafka-acls} commands for a production
 * cluster (README, "Kafka security").
 *
 * <p>Everything not granted here is refused: the broker runs with {@code allow.everyone.if.no.acl.found=false}
 * and {@link #ADMIN} is its only super user. Producers of {@code sts.audit.v1} cannot read it; only
 * policy-service may write {@code iam.changes.v1}; only token-service (which accepts revocations) may write
 * {@code sts.revocations.v1}. Idempotent producers need nothing beyond WRITE on their topic (Kafka 3.0+), and
 * READ on a topic or group implies DESCRIBE.
 */
public final class KafkaAccessPolicy {

    public static final String IAM_CHANGES = "iam.changes.v1";
    public static final String REVOCATIONS = "sts.revocations.v1";
    public static final String AUDIT = "sts.audit.v1";
    public static final String AUDIT_DEAD_LETTERS = "sts.audit.v1.dlq";
    /** The platform's topics, which the launcher creates (the broker auto-creates nothing). */
    public static final List<String> TOPICS = List.of(IAM_CHANGES, REVOCATIONS, AUDIT, AUDIT_DEAD_LETTERS);

    /** The client listener's protocol. Production clusters should use SASL_SSL (README, "Kafka security"). */
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";
    /** The SASL mechanism of the client listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    /** The broker's super user: creates topics, users and ACLs. No service runs as it. */
    public static final Principal ADMIN = new Principal("admin", "STS_KAFKA_PASSWORD_ADMIN", List.of(), Optional.empty());

    public static final Principal POLICY_SERVICE = new Principal("policy-service", "STS_KAFKA_PASSWORD_POLICY_SERVICE",
            List.of(new TopicGrant(IAM_CHANGES, Operation.WRITE),
                    new TopicGrant(AUDIT, Operation.WRITE),
                    new TopicGrant(REVOCATIONS, Operation.READ)),
            Optional.of("policy-service-"));

    public static final Principal TOKEN_SERVICE = new Principal("token-service", "STS_KAFKA_PASSWORD_TOKEN_SERVICE",
            List.of(new TopicGrant(AUDIT, Operation.WRITE),
                    new TopicGrant(REVOCATIONS, Operation.WRITE),
                    new TopicGrant(REVOCATIONS, Operation.READ),
                    new TopicGrant(IAM_CHANGES, Operation.READ)),
            Optional.of("token-service-"));

    public static final Principal AUDIT_SERVICE = new Principal("audit-service", "STS_KAFKA_PASSWORD_AUDIT_SERVICE",
            List.of(new TopicGrant(AUDIT, Operation.READ),
                    new TopicGrant(AUDIT_DEAD_LETTERS, Operation.WRITE)),
            Optional.of("audit-archiver"));

    /** federation-service: follows IAM changes (providers, outbound federation) and writes nothing. */
    public static final Principal FEDERATION_SERVICE = new Principal("federation-service",
            "STS_KAFKA_PASSWORD_FEDERATION_SERVICE",
            List.of(new TopicGrant(IAM_CHANGES, Operation.READ)),
            Optional.of("federation-service-"));

    /** Downstream consumers of the audit stream (CloudTrail tooling, a SIEM): read-only. */
    public static final Principal AUDIT_READER = new Principal("audit-reader", "STS_KAFKA_PASSWORD_AUDIT_READER",
            List.of(new TopicGrant(AUDIT, Operation.READ),
                    new TopicGrant(AUDIT_DEAD_LETTERS, Operation.READ)),
            Optional.of("audit-reader-"));

    /** Every principal, the super user first. */
    public static final List<Principal> PRINCIPALS = List.of(ADMIN, POLICY_SERVICE, TOKEN_SERVICE, AUDIT_SERVICE, FEDERATION_SERVICE,
            AUDIT_READER);

    /** The principals the services run as. */
    public static final List<Principal> SERVICE_PRINCIPALS = List.of(POLICY_SERVICE, TOKEN_SERVICE, AUDIT_SERVICE,
            FEDERATION_SERVICE);

    private KafkaAccessPolicy() {
    }

    /** A topic operation that a principal is allowed. */
    public enum Operation { READ, WRITE }

    /** ALLOW {@code operation} on the literal topic {@code topic}. */
    public record TopicGrant(String topic, Operation operation) {
    }

    /**
     * One SCRAM user.
     *
     * @param name        the user name; the principal is {@code User:<name>}
     * @param secretName  the {@link PlatformSecrets} entry (and environment variable) that holds its password
     * @param topics      what it may do on which topic
     * @param groupPrefix the consumer groups it may READ (PREFIXED); empty if it consumes nothing
     */
    public record Principal(String name, String secretName, List<TopicGrant> topics, Optional<String> groupPrefix) {
        public Principal {
            topics = List.copyOf(topics);
        }
    }

    /** The principal a platform service runs as. */
    public static Principal forService(String service) {
        return SERVICE_PRINCIPALS.stream().filter(principal -> principal.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a platform service: " + service));
    }

    /**
     * A client's security settings ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config})
     * for logging in as {@code user}, to add to its {@code bootstrap.servers}.
     */
    public static java.util.Map<String, String> clientSettings(String user, String password) {
        return java.util.Map.of("security.protocol", SECURITY_PROTOCOL, "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig(user, password));
    }

    /**
     * The JAAS line a client of the SCRAM listener logs in with ({@code sasl.jaas.config}). It carries the
     * password: keep it out of logs and command lines.
     */
    public static String jaasConfig(String user, String password) {
        requireJaasSafe(user);
        requireJaasSafe(password);
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * A value the JAAS grammar takes inside double quotes as it is. Generated passwords are URL-safe base64;
     * anything else could break out of the quotes.
     */
    static void requireJaasSafe(String value) {
        if (value == null || value.isEmpty() || value.length() > 256 || !value.matches("[A-Za-z0-9_.\\-]+")) {
            throw new IllegalArgumentException("A Kafka user name or password must be 1 to 256 of A-Z a-z 0-9 _ . -");
        }
    }

    /**
     * The ACLs as {@code kafka-acls} commands against a production cluster, one per line; {@code $ADMIN_CONFIG}
     * is the admin's client properties file.
     */
    public static List<String> kafkaAclsCommands() {
        List<String> commands = new ArrayList<>();
        String prefix = "kafka-acls --bootstrap-server $BOOTSTRAP --command-config $ADMIN_CONFIG --add --allow-principal User:";
        for (Principal principal : PRINCIPALS) {
            for (TopicGrant grant : principal.topics()) {
                commands.add(prefix + principal.name() + " --operation " + grant.operation() + " --topic " + grant.topic());
            }
            principal.groupPrefix().ifPresent(group -> commands.add(prefix + principal.name()
                    + " --operation READ --group " + group + " --resource-pattern-type prefixed"));
        }
        return commands;
    }
}

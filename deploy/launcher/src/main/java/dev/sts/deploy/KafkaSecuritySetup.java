package dev.sts.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Applies {@link KafkaAccessPolicy} to a running broker as its super user: upserts every service principal's
 * SCRAM credential (so a password rotated in {@code secrets.properties} takes effect), creates the platform's
 * topics if missing and adds the ACLs. Every step is idempotent.
 *
 * <p>Runs in its own JVM with the broker's jars on the class path ({@link KafkaBrokerProcess} starts it), so
 * the launcher itself keeps no Kafka dependency. Its one argument is a properties file (mode 600) with
 * {@code bootstrap.servers} and each principal's password under its secret name; no password is ever on a
 * command line.
 */
public final class KafkaSecuritySetup {

    private static final int ITERATIONS = 8192;
    private static final long TIMEOUT_SECONDS = 60;

    private KafkaSecuritySetup() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KafkaSecuritySetup <settings.properties>");
            System.exit(2);
        }
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            settings.load(reader);
        }
        try {
            apply(settings);
        } catch (ExecutionException e) {
            // The cause's message names the failing step (authentication, authorization); never a password.
            System.err.println("Kafka security setup failed: " + e.getCause());
            System.exit(1);
        }
    }

    static void apply(Properties settings) throws ExecutionException, InterruptedException, IOException {
        Map<String, Object> admin = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.getProperty("bootstrap.servers"),
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, KafkaAccessPolicy.SECURITY_PROTOCOL,
                "sasl.mechanism", KafkaAccessPolicy.MECHANISM,
                "sasl.jaas.config", KafkaAccessPolicy.jaasConfig(KafkaAccessPolicy.ADMIN.name(),
                        password(settings, KafkaAccessPolicy.ADMIN)),
                AdminClientConfig.CLIENT_ID_CONFIG, "sts-launcher-security-setup");
        try (Admin client = Admin.create(admin)) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (KafkaAccessPolicy.Principal principal : KafkaAccessPolicy.PRINCIPALS) {
                users.add(new UserScramCredentialUpsertion(principal.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), password(settings, principal)));
            }
            client.alterUserScramCredentials(users).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

            for (String topic : KafkaAccessPolicy.TOPICS) {
                try {
                    client.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            client.createAcls(bindings()).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("The Kafka broker did not answer the security setup within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** {@link KafkaAccessPolicy} as Kafka ACL bindings: ALLOW from any host. */
    static List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (KafkaAccessPolicy.Principal principal : KafkaAccessPolicy.PRINCIPALS) {
            String user = "User:" + principal.name();
            for (KafkaAccessPolicy.TopicGrant grant : principal.topics()) {
                AclOperation operation = switch (grant.operation()) {
                    case READ -> AclOperation.READ;
                    case WRITE -> AclOperation.WRITE;
                };
                bindings.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, grant.topic(), PatternType.LITERAL),
                        new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW)));
            }
            principal.groupPrefix().ifPresent(group -> bindings.add(new AclBinding(
                    new ResourcePattern(ResourceType.GROUP, group, PatternType.PREFIXED),
                    new AccessControlEntry(user, "*", AclOperation.READ, AclPermissionType.ALLOW))));
        }
        return bindings;
    }

    private static String password(Properties settings, KafkaAccessPolicy.Principal principal) {
        String password = settings.getProperty(principal.secretName());
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("No password for Kafka user " + principal.name());
        }
        return password;
    }
}

package dev.sts.deploy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Where the local platform lives and which loopback ports it uses.
 *
 * @param projectRoot          the repository root (holds {@code ./sts} and the module directories)
 * @param stateDir             pid files ({@code run/}), logs ({@code logs/}), data, secrets and AWS profile files
 * @param stsPort              token-service: the AWS STS API
 * @param iamPort              policy-service: the IAM API
 * @param auditPort            audit-service
 * @param federationPort       federation-service: its internal API (token-service validates web identity tokens there)
 *                             and the outbound issuer's public discovery document and JWKS
 * @param kafkaPort            the broker's client (PLAINTEXT) port
 * @param kafkaControllerPort  the broker's KRaft controller port; {@code 0} means {@code kafkaPort + 1}
 * @param redisPort            the private Redis (never the shared one on 6379)
 * @param stsManagementPort    token-service's management interface: admin API, health (loopback only)
 * @param iamManagementPort    policy-service's management interface
 * @param auditManagementPort  audit-service's management interface
 * @param federationManagementPort federation-service's management interface
 * @param allowMemoryStore     without redis-server on the PATH: {@code true} runs the services with
 *                             {@code STS_STORE=memory} after a warning, {@code false} refuses to start
 */
public record PlatformConfig(
        Path projectRoot,
        Path stateDir,
        int stsPort,
        int iamPort,
        int auditPort,
        int federationPort,
        int kafkaPort,
        int kafkaControllerPort,
        int redisPort,
        int stsManagementPort,
        int iamManagementPort,
        int auditManagementPort,
        int federationManagementPort,
        boolean allowMemoryStore) {

    public static final int DEFAULT_STS_PORT = 8080;
    public static final int DEFAULT_IAM_PORT = 8090;
    public static final int DEFAULT_AUDIT_PORT = 8092;
    public static final int DEFAULT_FEDERATION_PORT = 8091;
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REDIS_PORT = 6380;
    public static final int DEFAULT_STS_MANAGEMENT_PORT = 8180;
    public static final int DEFAULT_IAM_MANAGEMENT_PORT = 8190;
    public static final int DEFAULT_AUDIT_MANAGEMENT_PORT = 8192;
    public static final int DEFAULT_FEDERATION_MANAGEMENT_PORT = 8193;

    public PlatformConfig {
        projectRoot = projectRoot.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
        if (kafkaControllerPort == 0) {
            kafkaControllerPort = kafkaPort + 1;
        }
        Set<Integer> distinct = new HashSet<>();
        for (int port : new int[] {stsPort, iamPort, auditPort, federationPort, kafkaPort, kafkaControllerPort,
                redisPort, stsManagementPort, iamManagementPort, auditManagementPort, federationManagementPort}) {
            if (port <= 0 || port > 65535 || !distinct.add(port)) {
                throw new IllegalArgumentException("Ports must be distinct and in 1..65535: sts=" + stsPort
                        + " iam=" + iamPort + " audit=" + auditPort + " federation=" + federationPort
                        + " kafka=" + kafkaPort + " kafkaController=" + kafkaControllerPort + " redis=" + redisPort
                        + " management=" + stsManagementPort + "," + iamManagementPort + "," + auditManagementPort
                        + "," + federationManagementPort);
            }
        }
    }

    /** The fixed ports ./sts uses, with state in {@code stateDir}; falls back to an in-memory store without Redis. */
    public static PlatformConfig defaults(Path projectRoot, Path stateDir) {
        return new PlatformConfig(projectRoot, stateDir, DEFAULT_STS_PORT, DEFAULT_IAM_PORT, DEFAULT_AUDIT_PORT,
                DEFAULT_FEDERATION_PORT, DEFAULT_KAFKA_PORT, 0, DEFAULT_REDIS_PORT, DEFAULT_STS_MANAGEMENT_PORT,
                DEFAULT_IAM_MANAGEMENT_PORT, DEFAULT_AUDIT_MANAGEMENT_PORT, DEFAULT_FEDERATION_MANAGEMENT_PORT, true);
    }

    /**
     * Free ephemeral ports and state in {@code stateDir} (a test's temp directory), for tests that run the whole
     * platform. Requires redis-server: tests never run against the in-memory store.
     */
    public static PlatformConfig forTests(Path projectRoot, Path stateDir) {
        Set<Integer> ports = new HashSet<>();
        while (ports.size() < 11) {
            ports.add(Ports.freePort());
        }
        int[] p = ports.stream().mapToInt(Integer::intValue).toArray();
        return new PlatformConfig(projectRoot, stateDir, p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9],
                p[10], false);
    }

    public String stsEndpoint() {
        return "http://127.0.0.1:" + stsPort;
    }

    public String iamEndpoint() {
        return "http://127.0.0.1:" + iamPort;
    }

    /** token-service's admin API ({@code /admin/v1/revocations}) and health. */
    public String stsManagementEndpoint() {
        return "http://127.0.0.1:" + stsManagementPort;
    }

    /** policy-service's admin API ({@code /admin/v1/authorize-clients}, {@code /admin/v1/secrets/rewrap}) and health. */
    public String iamManagementEndpoint() {
        return "http://127.0.0.1:" + iamManagementPort;
    }

    /** audit-service's health. */
    public String auditManagementEndpoint() {
        return "http://127.0.0.1:" + auditManagementPort;
    }

    public String auditEndpoint() {
        return "http://127.0.0.1:" + auditPort;
    }

    /**
     * federation-service: its internal API, and the base of every account's outbound issuer identifier
     * ({@code <this>/outbound/<id>}), where the discovery document and JWKS of GetWebIdentityToken's tokens are.
     */
    public String federationEndpoint() {
        return "http://127.0.0.1:" + federationPort;
    }

    /** federation-service's health. */
    public String federationManagementEndpoint() {
        return "http://127.0.0.1:" + federationManagementPort;
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    /** Pid files. */
    public Path runDir() {
        return stateDir.resolve("run");
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    /** For {@code AWS_CONFIG_FILE}. */
    public Path awsConfigFile() {
        return stateDir.resolve("aws-config");
    }

    /** For {@code AWS_SHARED_CREDENTIALS_FILE}. */
    public Path awsCredentialsFile() {
        return stateDir.resolve("aws-credentials");
    }
}

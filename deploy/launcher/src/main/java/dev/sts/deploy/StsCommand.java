package dev.sts.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ./sts} command line: {@code up}, {@code down}, {@code status}, {@code restart <service>}, {@code revoke …},
 * {@code logs [component]}, {@code help}.
 *
 * <p>The project root comes from the system property {@code sts.projectRoot} (the script sets it) or from
 * walking up from the working directory; the state directory from {@code sts.stateDir}, by default
 * {@code <root>/.sts}.
 */
public final class StsCommand {

    private static final int LOG_LINES = 100;

    private final Platform platform;
    private final PrintStream out;

    /** The command for {@code platform}, printing to {@code out}; {@link #main} builds it for {@code ./sts}. */
    public StsCommand(Platform platform, PrintStream out) {
        this.platform = platform;
        this.out = out;
    }

    public static void main(String[] args) {
        String rootProperty = System.getProperty("sts.projectRoot");
        Path root = rootProperty != null ? Path.of(rootProperty) : ProjectRoot.find();
        Path state = Path.of(System.getProperty("sts.stateDir", root.resolve(".sts").toString()));
        StsCommand command = new StsCommand(new Platform(PlatformConfig.defaults(root, state)), System.out);
        int exitCode;
        try {
            exitCode = command.run(args);
        } catch (IllegalStateException | IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            System.err.println("sts: " + e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /** Runs one command; returns the process exit code. */
    public int run(String[] args) throws IOException {
        String verb = args.length == 0 ? "help" : args[0];
        switch (verb) {
            case "up":
                return up();
            case "down":
                platform.down();
                out.println("The platform is stopped.");
                return 0;
            case "status":
                return status();
            case "revoke":
                return revoke(args);
            case "authorize-client":
                return authorizeClient(args);
            case "restart":
                if (args.length < 2) {
                    out.println("Usage: ./sts restart <service>   (" + String.join(", ", Platform.SERVICES) + ")");
                    return 2;
                }
                platform.restart(args[1]);
                return 0;
            case "rewrap-secrets":
                return rewrapSecrets();
            case "rotate-kek":
                return rotateKek();
            case "logs":
                return logs(args.length > 1 ? args[1] : null);
            case "help":
            case "-h":
            case "--help":
                help();
                return 0;
            default:
                out.println("Unknown command: " + verb);
                help();
                return 2;
        }
    }

    private int up() throws IOException {
        PlatformConfig config = platform.config();
        platform.up();
        out.println();
        out.println("The STS platform is up.");
        out.printf("  %-24s %s%n", "STS API (token-service)", config.stsEndpoint());
        out.printf("  %-24s %s%n", "IAM API (policy-service)", config.iamEndpoint());
        out.printf("  %-24s %s%n", "audit-service", config.auditEndpoint());
        out.printf("  %-24s %s (web identity; outbound issuers at /outbound/<id>)%n", "federation-service",
                config.federationEndpoint());
        out.printf("  %-24s %s, %s, %s, %s (admin API, health; loopback only)%n", "Management",
                config.stsManagementEndpoint(), config.iamManagementEndpoint(), config.federationManagementEndpoint(),
                config.auditManagementEndpoint());
        out.printf("  %-24s %s%n", "Kafka", config.kafkaBootstrapServers());
        out.printf("  %-24s %s%n", "Redis", config.redisUrl());
        out.println();
        out.println("Profiles " + DevelopmentAccounts.DEV_ADMIN.profile() + " (account " + DevelopmentAccounts.DEV_ADMIN.accountId()
                + ") and " + DevelopmentAccounts.PROD_ADMIN.profile() + " (account " + DevelopmentAccounts.PROD_ADMIN.accountId()
                + "). Try:");
        out.println("  export AWS_CONFIG_FILE=" + config.awsConfigFile()
                + " AWS_SHARED_CREDENTIALS_FILE=" + config.awsCredentialsFile());
        out.println("  aws --profile " + DevelopmentAccounts.DEV_ADMIN.profile() + " sts get-caller-identity");
        out.println();
        out.println("Logs: ./sts logs [component]   Stop: ./sts down");
        return 0;
    }

    private int status() {
        boolean allAnswer = true;
        for (Platform.ComponentStatus component : platform.status()) {
            allAnswer &= component.answers();
            out.printf("%-15s %-28s %-12s %s%n", component.name(), component.endpoint(),
                    component.pid() == null ? "not running" : "pid " + component.pid(),
                    component.answers() ? "answers" : "does not answer");
        }
        // Like systemctl: 3 when something is not running.
        return allAnswer ? 0 : 3;
    }

    private int logs(String component) {
        List<String> components = new ArrayList<>(List.of(Platform.REDIS, Platform.KAFKA));
        components.addAll(Platform.SERVICES);
        if (component == null) {
            for (String name : components) {
                Path log = platform.logFile(name);
                out.printf("%-15s %s%s%n", name, log, Files.exists(log) ? "" : " (none yet)");
            }
            out.println("Show one: ./sts logs <component>   Follow one: tail -f <file>");
            return 0;
        }
        if (!components.contains(component)) {
            out.println("Unknown component: " + component + ". One of: " + String.join(", ", components));
            return 2;
        }
        Path log = platform.logFile(component);
        out.println("==> " + log + " (last " + LOG_LINES + " lines) <==");
        out.println(LogFiles.lastLines(log, LOG_LINES));
        return 0;
    }

    /**
     * {@code ./sts revoke session ASIA…}, {@code ./sts revoke role ROLE_ARN [ISSUED_BEFORE]},
     * {@code ./sts revoke principal ARN [ISSUED_BEFORE]}: through token-service's admin API.
     */
    private int revoke(String[] args) throws IOException {
        if (args.length < 3 || !java.util.Set.of("session", "role", "principal").contains(args[1])) {
            out.println("Usage: ./sts revoke session ASIA...   |   ./sts revoke role ROLE_ARN [ISSUED_BEFORE]");
            out.println("       ./sts revoke principal PRINCIPAL_ARN [ISSUED_BEFORE]   (ISSUED_BEFORE: ISO-8601, default now)");
            out.println("A revocation reaches every session derived from what it names (chained role sessions included).");
            return 2;
        }
        String field = switch (args[1]) {
            case "session" -> "accessKeyId";
            case "role" -> "roleArn";
            default -> "principalArn";
        };
        String body = "{\"" + field + "\":\"" + jsonText(args[2]) + "\""
                + (args.length > 3 ? ",\"issuedBefore\":\"" + jsonText(args[3]) + "\"" : "") + "}";
        return admin("token-service", platform.config().stsManagementEndpoint(), "POST", "/admin/v1/revocations", body);
    }

    /**
     * {@code ./sts authorize-client create NAME} (prints the token, the only time it is shown),
     * {@code ./sts authorize-client revoke NAME}, {@code ./sts authorize-client list}: policy-service's admin API.
     */
    private int authorizeClient(String[] args) throws IOException {
        String path = "/admin/v1/authorize-clients";
        String endpoint = platform.config().iamManagementEndpoint();
        if (args.length == 2 && args[1].equals("list")) {
            return admin("policy-service", endpoint, "GET", path, null);
        }
        if (args.length == 3 && args[1].equals("create")) {
            return admin("policy-service", endpoint, "POST", path, "{\"name\":\"" + jsonText(args[2]) + "\"}");
        }
        if (args.length == 3 && args[1].equals("revoke") && args[2].matches("[a-z0-9][a-z0-9-]{0,62}")) {
            return admin("policy-service", endpoint, "DELETE", path + "/" + args[2], null);
        }
        out.println("Usage: ./sts authorize-client create NAME | revoke NAME | list");
        out.println("NAME: the resource service, lower-case letters, digits and dashes (e.g. orders-service).");
        out.println("create prints the credential once; the resource service sends it in X-Sts-Authorize-Token.");
        return 2;
    }

    /** One call to a service's admin API, on its management port, with the operators' admin credential. */
    private int admin(String service, String endpoint, String method, String path, String body) throws IOException {
        java.net.http.HttpResponse<String> answer;
        try {
            answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(endpoint + path))
                    .header("Content-Type", "application/json")
                    .header("X-Sts-Admin-Token", platform.secrets().adminToken())
                    .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (java.net.ConnectException e) {
            throw new IllegalStateException(service + "'s admin API does not answer at " + endpoint
                    + ": is the platform up? (./sts status)");
        }
        out.println(answer.body());
        lastAnswer = answer.body();
        return answer.statusCode() / 100 == 2 ? 0 : 1;
    }

    /**
     * {@code ./sts rewrap-secrets}: policy-service seals every access-key secret and MFA seed again under the
     * active key-encryption key and answers the counts (never a value).
     */
    private int rewrapSecrets() throws IOException {
        return admin("policy-service", platform.config().iamManagementEndpoint(), "POST", "/admin/v1/secrets/rewrap", null);
    }

    /**
     * {@code ./sts rotate-kek}: the documented rotation, step by step. A new key-encryption key goes first in the
     * ring (the old ones stay, so every sealed value still opens), policy-service restarts, the rewrap seals
     * everything under the new key, and only when nothing was left unreadable are the old keys dropped and
     * policy-service restarted again. Prints key ids and counts, never key material.
     */
    private int rotateKek() throws IOException {
        Path state = platform.config().stateDir();
        String oldRing = platform.secrets().kek();
        String newKeyId = "kek" + java.time.Instant.now().getEpochSecond();
        String newKey = PlatformSecrets.newKek(newKeyId);
        PlatformSecrets.replace(state, PlatformSecrets.KEK, newKey + "," + oldRing);
        out.println("Added key-encryption key " + newKeyId + " (active) ahead of the old ones; restarting policy-service.");
        platform.restart("policy-service");
        int rewrap = rewrapSecrets();
        if (rewrap != 0 || !lastAnswer.contains("\"unreadable\":0")) {
            out.println("The rewrap did not seal everything under " + newKeyId + ": the old keys stay in STS_KEK."
                    + " Fix what it reports, then run ./sts rewrap-secrets and ./sts rotate-kek again.");
            return 1;
        }
        out.println("Restarting federation-service, which seals its outbound signing keys under " + newKeyId + " as it starts.");
        platform.restart("federation-service");
        if (!platform.outboundKeysSealedUnder(newKeyId)) {
            out.println("federation-service's outbound signing keys are not all sealed under " + newKeyId + ": the old"
                    + " keys stay in STS_KEK. See ./sts logs federation-service, then run ./sts rotate-kek again.");
            return 1;
        }
        PlatformSecrets.replace(state, PlatformSecrets.KEK, newKey);
        out.println("Every secret is sealed under " + newKeyId + "; dropped the old keys; restarting policy-service"
                + " and federation-service.");
        platform.restart("policy-service");
        platform.restart("federation-service");
        return 0;
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The body of the last admin API answer: rotate-kek reads the rewrap's counts from it. */
    private String lastAnswer = "";

    private void help() {
        out.println("Usage: ./sts <command>");
        out.println();
        out.println("  up               build what is missing, start Redis, Kafka and the four services");
        out.println("  down             stop everything ./sts up started");
        out.println("  status           show each component, its pid and whether it answers");
        out.println("  restart SERVICE  stop and start one service (" + String.join(", ", Platform.SERVICES) + ")");
        out.println("  revoke session ASIA... | role ROLE_ARN [BEFORE] | principal ARN [BEFORE]");
        out.println("                   refuse temporary credentials at once, everywhere (BEFORE: ISO-8601, default now),");
        out.println("                   with every session derived from them (see README, Revocation)");
        out.println("  rewrap-secrets   seal every access-key secret and MFA seed again under the active key-encryption");
        out.println("                   key (STS_KEK) and print the counts (see SECURITY.md, Rotating the KEK)");
        out.println("  rotate-kek       rotate the key-encryption key: add a new one first, restart policy-service,");
        out.println("                   rewrap, drop the old one, restart policy-service");
        out.println("  authorize-client create NAME | revoke NAME | list");
        out.println("                   manage resource services' credentials for the authorize API (create prints");
        out.println("                   the credential once; see README, Service credentials)");
        out.println("  logs [component] list the log files, or show the end of one");
        out.println("                   (redis, kafka, policy-service, federation-service, token-service, audit-service)");
        out.println("  help             this text");
        out.println();
        out.println("State (pid files, logs, data, secrets, AWS profile files): " + platform.config().stateDir());
    }
}

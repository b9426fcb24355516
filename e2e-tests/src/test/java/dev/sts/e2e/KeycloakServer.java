package dev.sts.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Keycloak (26.7.3, {@code org.keycloak:keycloak-quarkus-dist}), started once per test JVM in dev mode with
 * the {@code sts-test} realm imported from {@code src/test/resources/keycloak/sts-test-realm.json}, and stopped at
 * JVM exit.
 *
 * <p>The e2e module's build unpacks the distribution into {@code target/keycloak/} (maven-dependency-plugin, before
 * integration-test) and hands its directory over as the system property {@code sts.keycloak.home}. Keycloak runs on
 * a JDK 21 or newer: {@code sts.keycloak.java-home} or {@code STS_KEYCLOAK_JAVA_HOME} if given, else Temurin 25 at
 * {@code /usr/lib/jvm/temurin-25-jdk-amd64}, else the newest JDK under {@code /usr/lib/jvm} that is recent enough.
 * The platform itself keeps running on the build's JDK 17. Without Keycloak or such a JDK the tests fail, saying
 * what is missing: they are never skipped.
 *
 * <p>The realm has two confidential clients with the client-credentials grant, {@link #CLIENT_ID} and
 * {@link #OTHER_CLIENT_ID}, each with an audience mapper so that its access tokens carry {@code aud} = its own
 * client id. The secrets are fixed: this realm exists only in tests.
 */
final class KeycloakServer {
    static final String VERSION = "26.7.3";
    static final String REALM = "sts-test";
    static final String CLIENT_ID = "sts-workload";
    static final String CLIENT_SECRET = "sts-workload-test-secret-not-for-production";
    static final String OTHER_CLIENT_ID = "other-workload";
    static final String OTHER_CLIENT_SECRET = "other-workload-test-secret-not-for-production";

    /** The first start re-augments Keycloak's Quarkus build: about two minutes on two busy cores; later ones ~15 s. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int MINIMUM_JAVA = 21;
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SUBJECT = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static KeycloakServer running;

    private final Process process;
    private final int port;
    private final Path log;

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The one Keycloak of this JVM, started (and waited for) on first use. */
    static synchronized KeycloakServer get() {
        if (running == null) {
            try {
                running = start();
            } catch (IOException e) {
                throw new UncheckedIOException("Keycloak " + VERSION + " did not start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while Keycloak " + VERSION + " started", e);
            }
        }
        return running;
    }

    /** {@code http://127.0.0.1:<port>/realms/sts-test}: the exact {@code iss} of the realm's tokens. */
    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    /** An access token of {@code clientId}'s service account, from the realm's token endpoint (client-credentials grant). */
    String clientCredentialsToken(String clientId, String clientSecret) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(clientSecret);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(issuer() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new AssertionError("Keycloak's token endpoint answered " + response.statusCode() + " for client "
                    + clientId + " (the body is not shown: it may hold a token). Keycloak's log: " + log);
        }
        return token.group(1);
    }

    /** A claim of a JWT's payload (no verification: the STS verifies it), e.g. {@code sub}: the service-account user's id. */
    static String subjectOf(String jwt) {
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Matcher subject = SUBJECT.matcher(payload);
        if (!subject.find()) {
            throw new AssertionError("the token has no sub claim");
        }
        return subject.group(1);
    }

    private static KeycloakServer start() throws IOException, InterruptedException {
        Path home = home();
        Path javaHome = javaHome();
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/" + REALM + "-realm.json")) {
            if (realm == null) {
                throw new IllegalStateException("the realm file keycloak/" + REALM + "-realm.json is not on the test classpath");
            }
            Files.copy(realm, imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = freePort();
        int managementPort = freePort();
        Path log = home.resolveSibling("keycloak-" + port + ".log");
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                // In memory: every run imports the realm afresh, nothing is left from a previous one.
                "--db=dev-mem", "--import-realm", "--cache=local");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Keycloak's own settings only: nothing from the developer's shell (KC_*, a JAVA_OPTS for another JDK).
        builder.environment().keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS")
                || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        Process process = builder.start();
        KeycloakServer server = new KeycloakServer(process, port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "keycloak-stop"));
        server.awaitReady();
        return server;
    }

    /** Ready when the realm's discovery document answers: Keycloak is up and the realm is imported. */
    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak " + VERSION + " exited with " + process.exitValue()
                        + " before it was ready; its log (" + log + ") ends:\n" + tail());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(discovery)
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"issuer\":\"" + issuer() + "\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        stop();
        throw new IllegalStateException("Keycloak " + VERSION + " was not ready within " + START_TIMEOUT
                + "; its log (" + log + ") ends:\n" + tail());
    }

    private void stop() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String tail() {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The unpacked distribution: {@code sts.keycloak.home}, which the e2e module's build sets. */
    private static Path home() {
        String property = System.getProperty("sts.keycloak.home");
        if (property == null || !Files.isExecutable(Path.of(property, "bin", "kc.sh"))) {
            throw new IllegalStateException("Keycloak " + VERSION + " is not unpacked" + (property == null ? ""
                    : " at " + property) + ". The e2e module's build unpacks org.keycloak:keycloak-quarkus-dist:"
                    + VERSION + ":zip from Maven Central into target/keycloak/ and sets sts.keycloak.home: run the"
                    + " test through Maven (mvn -B -pl e2e-tests -am verify -Dit.test=...).");
        }
        return Path.of(property).toAbsolutePath();
    }

    /** A JDK that runs Keycloak 26 (21 or newer), see the class comment. */
    static Path javaHome() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("sts.keycloak.java-home")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("STS_KEYCLOAK_JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        candidates.add(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> installed = Files.list(jvms)) {
                installed.sorted((a, b) -> Integer.compare(featureVersion(b), featureVersion(a))).forEach(candidates::add);
            } catch (IOException e) {
                // Only the explicit candidates then.
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("bin/java")) && featureVersion(candidate) >= MINIMUM_JAVA) {
                return candidate;
            }
        }
        throw new IllegalStateException("Keycloak " + VERSION + " needs a JDK " + MINIMUM_JAVA + " or newer and none"
                + " was found (looked at " + candidates + "). Install one (Debian/Ubuntu: the temurin-25-jdk package"
                + " from packages.adoptium.net) or point STS_KEYCLOAK_JAVA_HOME at it.");
    }

    /** The JDK's feature version from its {@code release} file ({@code JAVA_VERSION="25.0.1"}); 0 if unknown. */
    private static int featureVersion(Path javaHome) {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                Matcher version = Pattern.compile("^JAVA_VERSION=\"(\\d+)").matcher(line);
                if (version.find()) {
                    return Integer.parseInt(version.group(1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

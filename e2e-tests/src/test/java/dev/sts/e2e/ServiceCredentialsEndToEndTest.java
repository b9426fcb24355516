package dev.sts.e2e;

import dev.sts.core.sigv4.CredentialScope;
import dev.sts.deploy.DevelopmentAccounts;
import dev.sts.deploy.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three scopes, three kinds of credential, against the running platform: a resource service's authorize
 * credential authorizes but neither resolves keys, nor revokes, nor manages clients; the key-resolution
 * credential resolves keys but neither authorizes nor revokes; a revoked authorize credential is refused at once
 * while another still works; every refusal is audited without the token; the admin API and health are on the
 * management ports only. Every refusal has a positive control made the same way.
 */
class ServiceCredentialsEndToEndTest {
    private static final String KEY_PATH = "/internal/v1/access-keys/" + DevelopmentAccounts.DEV_ADMIN.accessKeyId()
            + "/signing-key";
    private static final String KEY_QUERY = "?date=" + CredentialScope.at(Instant.now(), "us-east-1", "sts").date()
            + "&region=us-east-1&service=sts";
    private static final String QUERY = "{\"principalArn\":\"arn:aws:iam::111111111111:user/admin\","
            + "\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::reports/q4.csv\"}";
    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = RunningPlatform.get();
    }

    @Test
    void anAuthorizeCredentialAuthorizesButCannotResolveKeysRevokeOrManageClients() throws Exception {
        String token = AdminApi.newAuthorizeToken("orders-" + suffix());
        assertThat(authorize("X-Sts-Authorize-Token", token).statusCode()).isEqualTo(200);

        HttpResponse<String> resolve = resolveKey("X-Sts-Internal-Token", token);
        assertThat(resolve.statusCode()).isEqualTo(403);
        assertThat(resolve.body()).doesNotContain("secretAccessKey");
        assertThat(revoke(token).statusCode()).isEqualTo(401);
        assertThat(listClients(token).statusCode()).isEqualTo(403);
        // Controls: the same calls with the credentials made for them succeed.
        assertThat(resolveKey("X-Sts-Internal-Token", platform.secrets().keyResolutionToken()).statusCode()).isEqualTo(200);
        assertThat(revoke(platform.secrets().adminToken()).statusCode()).isEqualTo(200);
        assertThat(listClients(platform.secrets().adminToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void theKeyResolutionCredentialCannotAuthorizeNorRevoke() throws Exception {
        String keys = platform.secrets().keyResolutionToken();
        assertThat(resolveKey("X-Sts-Internal-Token", keys).statusCode()).isEqualTo(200);
        assertThat(authorize("X-Sts-Authorize-Token", keys).statusCode()).isEqualTo(403);
        assertThat(revoke(keys).statusCode()).isEqualTo(401);
        assertThat(authorize("X-Sts-Authorize-Token", AdminApi.resourceServiceToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedAuthorizeCredentialIsRefusedAtOnceWhileAnotherStillWorks() throws Exception {
        String name = "billing-" + suffix();
        String revoked = AdminApi.newAuthorizeToken(name);
        String other = AdminApi.newAuthorizeToken("shipping-" + suffix());
        assertThat(authorize("X-Sts-Authorize-Token", revoked).statusCode()).isEqualTo(200);

        assertThat(AdminApi.revokeAuthorizeClient(name).statusCode()).isEqualTo(200);

        assertThat(authorize("X-Sts-Authorize-Token", revoked).statusCode()).isEqualTo(401);
        assertThat(authorize("X-Sts-Authorize-Token", other).statusCode()).isEqualTo(200);
        HttpResponse<String> listed = listClients(platform.secrets().adminToken());
        assertThat(listed.body()).doesNotContain("\"" + name + "\"").doesNotContain(other.substring(other.indexOf('.') + 1));
    }

    @Test
    void everyRefusalIsAuditedWithoutTheToken() throws Exception {
        String wrong = "orders." + "w".repeat(43);
        String authorizeToken = AdminApi.resourceServiceToken();
        for (Object[] refusal : new Object[][] {
                {resolveKey("X-Sts-Internal-Token", null), "MissingCredential", null},
                {resolveKey("X-Sts-Internal-Token", wrong), "InvalidCredential", wrong},
                {resolveKey("X-Sts-Internal-Token", authorizeToken), "WrongScope", authorizeToken}}) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> answer = (HttpResponse<String>) refusal[0];
            String requestId = requestId(answer);
            // Refused before any caller was known: the event has no account, so it is read from the day files.
            String event = AuditArchive.awaitEventWithoutAccount(platform.config().stateDir().resolve("audit-archive"),
                    requestId, Duration.ofSeconds(30));
            assertThat(event).contains("\"eventName\":\"ServiceCredentialRefused\"", "\"errorCode\":\"" + refusal[1] + "\"",
                    "\"scope\":\"key-resolution\"", "\"path\":\"" + KEY_PATH + "\"", "\"sourceIPAddress\":\"127.0.0.1\"");
            if (refusal[2] != null) {
                String token = (String) refusal[2];
                assertThat(event).doesNotContain(token.substring(token.indexOf('.') + 1));
            }
            if (refusal[1].equals("WrongScope")) {
                assertThat(event).contains("\"credentialName\":\"" + authorizeToken.substring(0, authorizeToken.indexOf('.')) + "\"");
            }
        }
        assertThat(platform.logFile("policy-service")).content().contains("ServiceCredential", "WrongScope")
                .doesNotContain(authorizeToken.substring(authorizeToken.indexOf('.') + 1))
                .doesNotContain(wrong.substring(7));
    }

    @Test
    void theAdminApiAndHealthAreOnTheManagementPortsOnly() throws Exception {
        String admin = platform.secrets().adminToken();
        String sts = platform.config().stsEndpoint();
        String iam = platform.config().iamEndpoint();
        assertThat(get(sts + "/admin/v1/revocations", admin).statusCode()).isEqualTo(404);
        assertThat(get(iam + "/admin/v1/authorize-clients", admin).statusCode()).isEqualTo(404);
        for (String endpoint : new String[] {sts, iam}) {
            assertThat(get(endpoint + "/q/health", null).statusCode()).as(endpoint).isEqualTo(404);
            assertThat(get(endpoint + "/q/health/ready", null).statusCode()).as(endpoint).isEqualTo(404);
        }
        // audit-service answers any path it does not serve as CloudTrail does, with a JSON error (400).
        for (String path : new String[] {"/q/health", "/q/health/ready"}) {
            HttpResponse<String> answer = get(platform.config().auditEndpoint() + path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.body()).as(path).contains("ValidationException").doesNotContain("\"status\"");
        }
        for (String service : Platform.SERVICES) {
            assertThat(get("http://127.0.0.1:" + platform.managementPortOf(service) + "/q/health/ready", null).statusCode())
                    .as(service).isEqualTo(200);
        }
        assertThat(listClients(admin).statusCode()).isEqualTo(200);
        assertThat(revoke(admin).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> authorize(String header, String token) throws Exception {
        return AdminApi.send(HttpRequest.newBuilder(URI.create(platform.config().iamEndpoint() + "/v1/authorize"))
                .header("Content-Type", "application/json").header(header, token)
                .POST(HttpRequest.BodyPublishers.ofString(QUERY)));
    }

    private static HttpResponse<String> resolveKey(String header, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.config().iamEndpoint() + KEY_PATH + KEY_QUERY)).GET();
        if (token != null) {
            request.header(header, token);
        }
        return AdminApi.send(request);
    }

    private static HttpResponse<String> revoke(String token) throws Exception {
        return AdminApi.send(HttpRequest.newBuilder(URI.create(platform.config().stsManagementEndpoint() + "/admin/v1/revocations"))
                .header("Content-Type", "application/json").header("X-Sts-Admin-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"roleArn\":\"arn:aws:iam::111111111111:role/gone-" + suffix() + "\"}")));
    }

    private static HttpResponse<String> listClients(String token) throws Exception {
        return get(platform.config().iamManagementEndpoint() + "/admin/v1/authorize-clients", token);
    }

    private static HttpResponse<String> get(String url, String adminToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (adminToken != null) {
            request.header("X-Sts-Admin-Token", adminToken);
        }
        return AdminApi.send(request);
    }

    private static String requestId(HttpResponse<String> refusal) {
        Matcher id = Pattern.compile("\"requestId\":\"([^\"]+)\"").matcher(refusal.body());
        assertThat(id.find()).as(refusal.body()).isTrue();
        return id.group(1);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

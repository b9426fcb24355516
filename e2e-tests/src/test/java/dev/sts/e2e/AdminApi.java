package dev.sts.e2e;

import dev.sts.deploy.Platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's admin APIs as an operator calls them: on each service's management port, with the admin
 * credential ({@code X-Sts-Admin-Token}); and the authorize credential these tests use as a resource service,
 * created once through policy-service's admin API.
 */
final class AdminApi {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String resourceServiceToken;

    private AdminApi() {
    }

    /** {@code POST /admin/v1/revocations} on token-service's management port. */
    static HttpResponse<String> revoke(String json) throws Exception {
        return revoke(RunningPlatform.get(), json);
    }

    /** {@code POST /admin/v1/revocations} on the management port of {@code platform}'s token-service. */
    static HttpResponse<String> revoke(Platform platform, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(platform.config().stsManagementEndpoint() + "/admin/v1/revocations"))
                .header("Content-Type", "application/json")
                .header("X-Sts-Admin-Token", platform.secrets().adminToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST /admin/v1/authorize-clients} on policy-service's management port; 201 with the token. */
    static HttpResponse<String> createAuthorizeClient(String name) throws Exception {
        Platform platform = RunningPlatform.get();
        return send(HttpRequest.newBuilder(URI.create(platform.config().iamManagementEndpoint() + "/admin/v1/authorize-clients"))
                .header("Content-Type", "application/json")
                .header("X-Sts-Admin-Token", platform.secrets().adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
    }

    /** {@code DELETE /admin/v1/authorize-clients/{name}} on policy-service's management port. */
    static HttpResponse<String> revokeAuthorizeClient(String name) throws Exception {
        Platform platform = RunningPlatform.get();
        return send(HttpRequest.newBuilder(URI.create(platform.config().iamManagementEndpoint()
                        + "/admin/v1/authorize-clients/" + name))
                .header("X-Sts-Admin-Token", platform.secrets().adminToken()).DELETE());
    }

    /** A new authorize client's token (fails the test if policy-service did not create it). */
    static String newAuthorizeToken(String name) throws Exception {
        HttpResponse<String> created = createAuthorizeClient(name);
        Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(created.body());
        if (created.statusCode() != 201 || !token.find()) {
            throw new AssertionError("policy-service did not create authorize client " + name + ": " + created.statusCode());
        }
        return token.group(1);
    }

    /** The authorize credential of the resource service these tests play, created on first use. */
    static synchronized String resourceServiceToken() throws Exception {
        if (resourceServiceToken == null) {
            resourceServiceToken = newAuthorizeToken("e2e-reports-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return resourceServiceToken;
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.sts.audit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sts.core.credential.ServiceScope;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place audit-service talks to policy-service's authorize API ({@code POST /v1/authorize/signed-request}),
 * and the one place that knows the credential it presents there: the header name and the token
 * ({@code sts.authorize-token}, env {@code STS_AUTHORIZE_TOKEN}). audit-service verifies no signature itself:
 * policy-service does, with the code it verifies its own IAM calls with.
 */
@ApplicationScoped
public class PolicyServiceAuthorizer {
    /** The header policy-service reads an authorize client's credential from. */
    static final String TOKEN_HEADER = ServiceScope.AUTHORIZE.header();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI endpoint;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    PolicyServiceAuthorizer(@ConfigProperty(name = "sts.policy-service-url") String policyServiceUrl,
                            @ConfigProperty(name = "sts.authorize-token") String token) {
        this.endpoint = URI.create(policyServiceUrl.replaceAll("/+$", "") + "/v1/authorize/signed-request");
        this.token = token;
    }

    /** The request as audit-service received it; headers and query already bounded by the caller. */
    public record ForwardedRequest(String method, String path, String query, Map<String, List<String>> headers,
                                   String sourceIp) {
    }

    /**
     * The answer: who signed (absent when the signature failed) and whether they may; or the AWS error code, status and
     * message the signature check failed with.
     */
    public record Verdict(boolean allowed, Optional<String> principalArn, Optional<String> account,
                          Optional<String> errorCode, String errorMessage) {
    }

    /** Thrown when policy-service cannot be asked or answers out of contract: the caller fails closed. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    public Verdict authorize(ForwardedRequest request, String service, String region, String action, String resource) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("method", request.method());
        body.put("path", request.path());
        body.put("query", request.query());
        body.set("headers", MAPPER.valueToTree(request.headers()));
        body.put("service", service);
        body.put("region", region);
        body.put("action", action);
        body.put("resource", resource);
        body.put("sourceIp", request.sourceIp());
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header(TOKEN_HEADER, token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable("policy-service cannot be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking policy-service");
        }
        if (response.statusCode() != 200 || response.body().length > MAX_ANSWER_BYTES) {
            // 401: this service's authorize credential is wrong; 400: this service forwarded a malformed request.
            throw new Unavailable("policy-service answered HTTP " + response.statusCode());
        }
        try {
            JsonNode answer = MAPPER.readTree(response.body());
            JsonNode error = answer.get("error");
            if (error != null && !error.isNull()) {
                return new Verdict(false, Optional.empty(), Optional.empty(), Optional.of(error.path("code").asText()),
                        error.path("message").asText());
            }
            String decision = answer.path("decision").asText();
            String arn = answer.path("principalArn").asText(null);
            String account = answer.path("account").asText(null);
            if (arn == null || account == null || !(decision.equals("Allow") || decision.equals("Deny"))) {
                throw new Unavailable("policy-service answered out of contract");
            }
            return new Verdict(decision.equals("Allow"), Optional.of(arn), Optional.of(account), Optional.empty(), null);
        } catch (IOException e) {
            throw new Unavailable("policy-service answered out of contract");
        }
    }
}

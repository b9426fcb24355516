package dev.sts.token.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sts.core.credential.ServiceScope;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.federation.WebIdentityAssertion;
import dev.sts.core.port.WebIdentityValidator;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * token-service's one connection to federation-service's internal API: its federation credential on every call, a
 * timeout, answers read up to a bound. A refusal federation-service words ({@code {"code", "message"}} with one of
 * the codes a token can be refused with) becomes that {@link StsException}; every other failure to get an answer
 * — a connection refused, a timeout, a 5xx, an unknown code, a malformed body — is {@code ServiceUnavailable},
 * the detail only in the log, and never the token.
 */
public final class FederationServiceClient implements WebIdentityValidator {
    private static final Logger LOG = Logger.getLogger(FederationServiceClient.class);
    private static final String TOKEN_HEADER = ServiceScope.FEDERATION.header();
    static final String VALIDATE_PATH = "/internal/v1/web-identity/validate";
    /** Larger than any answer of the internal API (an assertion with 50 tags is a few KB); a bigger one is not read. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** A refusal's message is echoed to the STS caller: bounded, and printable only. */
    private static final int MAX_MESSAGE = 1024;
    /** The refusals of a token that federation-service may answer, by their AWS code. */
    private static final Map<String, StsErrorCode> TOKEN_REFUSALS = Map.of(
            StsErrorCode.INVALID_IDENTITY_TOKEN.code(), StsErrorCode.INVALID_IDENTITY_TOKEN,
            StsErrorCode.IDP_COMMUNICATION_ERROR.code(), StsErrorCode.IDP_COMMUNICATION_ERROR,
            StsErrorCode.IDP_REJECTED_CLAIM.code(), StsErrorCode.IDP_REJECTED_CLAIM,
            StsErrorCode.EXPIRED_TOKEN_EXCEPTION.code(), StsErrorCode.EXPIRED_TOKEN_EXCEPTION);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUrl;
    private final String federationToken;
    private final Duration timeout;

    public FederationServiceClient(URI baseUrl, String federationToken, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.baseUrl = baseUrl;
        this.federationToken = federationToken;
        this.timeout = timeout;
    }

    @Override
    public WebIdentityAssertion validate(String account, String token, Optional<String> providerId) {
        ObjectNode body = JSON.createObjectNode().put("account", account).put("token", token);
        providerId.ifPresent(id -> body.put("providerId", id));
        String what = "validate a web identity token";
        Answer answer = post(VALIDATE_PATH, body, what);
        if (answer.status() == 200) {
            try {
                return WebIdentityAssertion.fromJson(answer.body());
            } catch (IllegalArgumentException e) {
                throw unavailable(what, "an answer that is not an assertion");
            }
        }
        throw refusal(answer, TOKEN_REFUSALS, what);
    }

    /** An answer of the internal API: its status and its body, read up to {@value #MAX_ANSWER_BYTES} bytes. */
    record Answer(int status, String body) {
    }

    /** Posts {@code body} as JSON to {@code path} (relative to federation-service's URL) with the federation credential. */
    Answer post(String path, JsonNode body, String what) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(baseUrl.resolve(path))
                    .header(TOKEN_HEADER, federationToken)
                    .header("Content-Type", "application/json")
                    .timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw unavailable(what, "cannot write the request");
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] read = in.readNBytes(MAX_ANSWER_BYTES + 1);
                if (read.length > MAX_ANSWER_BYTES) {
                    throw unavailable(what, "an answer of more than " + MAX_ANSWER_BYTES + " bytes");
                }
                return new Answer(response.statusCode(), new String(read, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw unavailable(what, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, "interrupted");
        }
    }

    /**
     * The refusal federation-service answered, when it is one of {@code allowed} with its HTTP status; otherwise
     * ServiceUnavailable (a 401 means this service's credential is wrong: an operator's problem, not the caller's).
     */
    static StsException refusal(Answer answer, Map<String, StsErrorCode> allowed, String what) {
        try {
            JsonNode node = JSON.readTree(answer.body());
            StsErrorCode code = node != null && node.path("code").isTextual() ? allowed.get(node.path("code").asText()) : null;
            if (code != null && code.httpStatus() == answer.status() && node.path("message").isTextual()) {
                return new StsException(code, printable(node.path("message").asText()));
            }
        } catch (IOException e) {
            // Not JSON: answered below.
        }
        return unavailable(what, "HTTP " + answer.status());
    }

    private static String printable(String message) {
        String cut = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    static StsException unavailable(String what, String detail) {
        LOG.errorf("Cannot %s through federation-service: %s", what, detail);
        return new StsException(StsErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable. Please try again later.");
    }
}

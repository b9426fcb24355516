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
import dev.sts.support.CappedBodySubscriber;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * token-service's one connection to federation-service's internal API: its federation credential on every call, one
 * deadline for each exchange, answers read up to a bound. A refusal federation-service words ({@code {"code",
 * "message"}} with one of the codes a token can be refused with) becomes that {@link StsException}; every other
 * failure to get an answer — a connection refused, a timeout, a 5xx, an unknown code, a malformed body — is
 * {@code ServiceUnavailable}, the detail only in the log, and never the token.
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
    static final String TOKENS_PATH = "/internal/v1/web-identity-tokens";
    /** The refusals of GetWebIdentityToken that federation-service may answer. */
    private static final Map<String, StsErrorCode> SIGNING_REFUSALS = Map.of(
            StsErrorCode.OUTBOUND_WEB_IDENTITY_FEDERATION_DISABLED.code(), StsErrorCode.OUTBOUND_WEB_IDENTITY_FEDERATION_DISABLED,
            StsErrorCode.JWT_PAYLOAD_SIZE_EXCEEDED.code(), StsErrorCode.JWT_PAYLOAD_SIZE_EXCEEDED,
            StsErrorCode.SESSION_DURATION_ESCALATION.code(), StsErrorCode.SESSION_DURATION_ESCALATION);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUrl;
    private final String federationToken;
    private final Duration timeout;

    public FederationServiceClient(URI baseUrl, String federationToken, Duration timeout) {
        // HTTP/1.1 over kept-alive connections (no h2c upgrade attempts), and the client's own completions run on its
        // selector thread rather than hopping to a pool thread: every AssumeRoleWithWebIdentity crosses this client,
        // and each thread hand-off cost a context switch (measured: docs/performance.md, AssumeRoleWithWebIdentity).
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run)
                .connectTimeout(timeout).build();
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

    /**
     * GetWebIdentityToken: federation-service signs a token about {@code principalArn} for the account's issuer.
     *
     * @param body the internal API's request ({@code account, principalArn, principalId, audiences, signingAlgorithm,
     *             durationSeconds, tags, sessionExpiresAt})
     * @return the signed token and its expiry
     * @throws StsException OutboundWebIdentityFederationDisabledException, JWTPayloadSizeExceededException or
     *                      SessionDurationEscalationException as federation-service refuses; ServiceUnavailable otherwise
     */
    public SignedToken webIdentityToken(ObjectNode body) {
        String what = "sign a web identity token";
        Answer answer = post(TOKENS_PATH, body, what);
        if (answer.status() == 200) {
            try {
                JsonNode node = JSON.readTree(answer.body());
                if (node != null && node.path("token").isTextual() && node.path("expiration").isTextual()) {
                    return new SignedToken(node.get("token").asText(), Instant.parse(node.get("expiration").asText()));
                }
            } catch (IOException | DateTimeParseException e) {
                // Answered below.
            }
            throw unavailable(what, "an answer that is not a signed token");
        }
        throw refusal(answer, SIGNING_REFUSALS, what);
    }

    /** A token federation-service signed; {@link #toString} leaves the token out. */
    public record SignedToken(String token, Instant expiration) {
        @Override
        public String toString() {
            return "SignedToken[expiration=" + expiration + "]";
        }
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
        // One deadline for the whole exchange, the body included (a request timeout alone covers only the headers),
        // and a body read up to its bound and no further.
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, info -> new CappedBodySubscriber(MAX_ANSWER_BYTES));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw unavailable(what, "no answer within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw unavailable(what, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            exchange.cancel(true);
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

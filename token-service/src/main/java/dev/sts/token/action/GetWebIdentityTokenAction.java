package dev.sts.token.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.audit.AuditEventJson;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.AuthorizationQuery;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.credential.ServiceScope;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.sts.GetWebIdentityTokenRequest;
import dev.sts.core.token.SessionClaims;
import dev.sts.token.config.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GetWebIdentityToken (outbound web identity federation): a JWT about the caller, signed by federation-service with
 * the key of the algorithm asked for, for the caller's account's issuer. The caller's policies must allow
 * {@code sts:GetWebIdentityToken} with the request's {@code sts:IdentityTokenAudience}, {@code sts:SigningAlgorithm},
 * {@code sts:DurationSeconds} and tag keys; a session may not get a token outliving it; the global endpoint refuses
 * the action. Which credentials may call it at all is {@code CredentialTypeRules}' (long-term keys and role sessions).
 * The token is answered to the caller only: the audit record keeps its expiration.
 */
@ApplicationScoped
public class GetWebIdentityTokenAction implements QueryAction {
    static final String GLOBAL_ENDPOINT_MESSAGE = "GetWebIdentityToken is not available on the STS global endpoint."
            + " Use a regional STS endpoint.";
    private static final String PATH = "/internal/v1/web-identity-tokens";
    private static final String TOKEN_HEADER = ServiceScope.FEDERATION.header();
    /** Larger than any answer of the internal API (a token's payload is at most 16 KiB, base64url-encoded). */
    private static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** The codes federation-service may refuse with; anything else is its failure, not the caller's. */
    private static final Set<StsErrorCode> REFUSALS = Set.of(StsErrorCode.OUTBOUND_WEB_IDENTITY_FEDERATION_DISABLED,
            StsErrorCode.JWT_PAYLOAD_SIZE_EXCEEDED, StsErrorCode.SESSION_DURATION_ESCALATION);
    private static final Logger LOG = Logger.getLogger(GetWebIdentityTokenAction.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallerAuthorization authorization;
    private final Clock clock;
    private final boolean globalEndpoint;
    private final HttpClient http;
    private final URI url;
    private final String federationToken;
    private final Duration timeout;

    GetWebIdentityTokenAction(TokenServiceConfig config, CallerAuthorization authorization, Clock clock) {
        this.authorization = authorization;
        this.clock = clock;
        this.globalEndpoint = config.globalEndpoint();
        this.timeout = config.federationService().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.url = config.federationService().url().resolve(PATH);
        this.federationToken = config.federationToken();
    }

    @Override
    public String name() {
        return "GetWebIdentityToken";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
        if (globalEndpoint) {
            throw new StsException(StsErrorCode.INVALID_ACTION, GLOBAL_ENDPOINT_MESSAGE);
        }
        GetWebIdentityTokenRequest tokenRequest = GetWebIdentityTokenRequest.from(params);
        authorization.require(caller, AuthorizationQuery.of("sts:GetWebIdentityToken", "*", request.sourceIp())
                .withActionKeys(tokenRequest.conditionKeys()));
        Optional<Instant> sessionExpiresAt = caller.session().map(SessionClaims::expiresAt);
        tokenRequest.requireWithinSession(clock.instant(), sessionExpiresAt);
        SignedToken signed = sign(caller, tokenRequest, sessionExpiresAt);
        String expiration = AuditEventJson.iso(signed.expiration());
        return new Result(xml -> xml.element("WebIdentityToken", signed.token()).element("Expiration", expiration),
                Map.of("expiration", expiration));
    }

    /** The token's subject: the role's ARN for a role session (as AWS's tokens name it), else the caller's own ARN. */
    static String subject(AuthenticatedCaller caller) {
        if (caller.identity().type() == PrincipalType.ASSUMED_ROLE) {
            return caller.session().flatMap(SessionClaims::context).map(SessionClaims.SessionContext::issuerArn)
                    .orElse(caller.identity().arn());
        }
        return caller.identity().arn();
    }

    private record SignedToken(String token, Instant expiration) {
        @Override
        public String toString() {
            return "SignedToken[expiration=" + expiration + "]";
        }
    }

    /** Asks federation-service to sign; its refusals become the caller's, any other failure ServiceUnavailable. */
    private SignedToken sign(AuthenticatedCaller caller, GetWebIdentityTokenRequest tokenRequest,
                             Optional<Instant> sessionExpiresAt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("account", caller.identity().account());
        body.put("principalArn", subject(caller));
        body.put("principalId", caller.identity().userId());
        ArrayNode audiences = body.putArray("audiences");
        tokenRequest.audiences().forEach(audiences::add);
        body.put("signingAlgorithm", tokenRequest.signingAlgorithm());
        body.put("durationSeconds", tokenRequest.durationSeconds());
        ArrayNode tags = body.putArray("tags");
        tokenRequest.tags().forEach(tag -> tags.addObject().put("key", tag.key()).put("value", tag.value()));
        body.put("sessionExpiresAt", sessionExpiresAt.map(Instant::toString).orElse(null));
        HttpRequest httpRequest = HttpRequest.newBuilder(url)
                .header(TOKEN_HEADER, federationToken)
                .header("Content-Type", "application/json")
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        if (response.body().length > MAX_ANSWER_BYTES) {
            throw unavailable("an answer of " + response.body().length + " bytes");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw unavailable("an answer that is not JSON (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() == 200 && answer != null && answer.path("token").isTextual()
                && answer.path("expiration").isTextual()) {
            try {
                return new SignedToken(answer.get("token").asText(), Instant.parse(answer.get("expiration").asText()));
            } catch (DateTimeParseException e) {
                throw unavailable("an answer with an unreadable expiration");
            }
        }
        String code = answer == null ? "" : answer.path("code").asText("");
        for (StsErrorCode refusal : REFUSALS) {
            if (refusal.code().equals(code) && refusal.httpStatus() == response.statusCode()) {
                throw new StsException(refusal, answer.path("message").asText(refusal.code()));
            }
        }
        throw unavailable("HTTP " + response.statusCode() + " " + code);
    }

    private static StsException unavailable(String detail) {
        LOG.errorf("Cannot sign a web identity token through federation-service: %s", detail);
        return new StsException(StsErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable. Please try again later.");
    }
}

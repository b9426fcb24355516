package dev.sts.token.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.audit.AuditEventJson;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.AuthorizationQuery;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.sts.GetWebIdentityTokenRequest;
import dev.sts.core.token.SessionClaims;
import dev.sts.token.client.FederationServiceClient;
import dev.sts.token.client.FederationServiceClient.SignedToken;
import dev.sts.token.config.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CallerAuthorization authorization;
    private final Clock clock;
    private final boolean globalEndpoint;
    private final FederationServiceClient federation;

    GetWebIdentityTokenAction(TokenServiceConfig config, CallerAuthorization authorization, Clock clock,
                              FederationServiceClient federation) {
        this.authorization = authorization;
        this.clock = clock;
        this.globalEndpoint = config.globalEndpoint();
        this.federation = federation;
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
        SignedToken signed = federation.webIdentityToken(signingRequest(caller, tokenRequest, sessionExpiresAt));
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

    /** The internal API's request: who the token is about, and what the caller asked for. */
    private static ObjectNode signingRequest(AuthenticatedCaller caller, GetWebIdentityTokenRequest tokenRequest,
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
        return body;
    }
}

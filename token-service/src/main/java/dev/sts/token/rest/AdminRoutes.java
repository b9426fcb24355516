package dev.sts.token.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.credential.FixedCredentials;
import dev.sts.core.credential.ServiceCredentialGate;
import dev.sts.core.credential.ServiceCredentialGate.Rule;
import dev.sts.core.credential.ServiceScope;
import dev.sts.core.error.StsException;
import dev.sts.core.revocation.Revocation;
import dev.sts.token.config.TokenServiceConfig;
import dev.sts.token.messaging.KafkaAuditPublisher;
import dev.sts.token.revocation.RevocationService;
import dev.sts.support.ServiceCredentialFilter;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * token-service's admin API, on the management port only (never the public STS port), behind the service's
 * one credential filter ({@code /admin/*}: admin credentials in {@code X-Sts-Admin-Token}).
 * <p>
 * {@code POST /admin/v1/revocations}: revoke one session ({@code accessKeyId}), every session of a role
 * ({@code roleArn}) or of a principal ({@code principalArn}) issued before {@code issuedBefore} (default:
 * now). Each follows session lineage: it also refuses the sessions derived from what it names (the answer's
 * {@code reaches} says which). For operators and tools ({@code ./sts revoke}).
 */
@ApplicationScoped
public class AdminRoutes {
    private static final Logger LOG = Logger.getLogger(AdminRoutes.class);
    static final String REVOCATIONS = "/admin/v1/revocations";
    private static final int MAX_BODY_BYTES = 8192;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final RevocationService revocations;
    private final ServiceCredentialFilter filter;

    AdminRoutes(RevocationService revocations, TokenServiceConfig config, KafkaAuditPublisher audit, Clock clock) {
        this.revocations = revocations;
        this.filter = new ServiceCredentialFilter(
                new ServiceCredentialGate(List.of(new Rule("/admin", ServiceScope.ADMIN)),
                        Map.of(ServiceScope.ADMIN, FixedCredentials.fromTokens(config.credentials().admin()))),
                audit, "sts.amazonaws.com", config.region(), clock);
    }

    public record RevokeRequest(String accessKeyId, String roleArn, String principalArn, String issuedBefore) {
    }

    /** The admin API lives on the management port only; on the public STS port any /admin path is 404, whatever is mounted. */
    void publicPort(@Observes Router router) {
        ServiceCredentialFilter.hide(router, "/admin");
    }

    void managementPort(@Observes ManagementInterface management) {
        Router router = management.router();
        filter.mount(router);
        router.post(REVOCATIONS).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).blockingHandler(this::revoke, false);
    }

    private void revoke(RoutingContext context) {
        try {
            Revocation revocation = choose(parse(context));
            ServiceCredentialFilter.answer(context, 200, Map.of("scope", revocation.scope().name(),
                    "target", revocation.target(), "issuedBefore", revocation.issuedBefore().toString(),
                    "expiresAt", revocation.expiresAt().toString(), "reaches", revocation.reach()));
        } catch (StsException refused) {
            ServiceCredentialFilter.answer(context, refused.errorCode().httpStatus(),
                    Map.of("code", refused.errorCode().code(), "message", refused.getMessage()));
        } catch (RuntimeException unavailable) {
            // Redis or Kafka failed under the revocation: nothing was acknowledged, so the operator must retry.
            LOG.error("Revocation failed", unavailable);
            ServiceCredentialFilter.answer(context, 503, Map.of("code", "ServiceUnavailable",
                    "message", "The revocation could not be stored; nothing was revoked. Try again."));
        }
    }

    private static RevokeRequest parse(RoutingContext context) {
        try {
            return context.body().isEmpty() ? null : JSON.readValue(context.body().asString(), RevokeRequest.class);
        } catch (java.io.IOException e) {
            throw StsException.validation("the body is not a revocation request (JSON with accessKeyId, roleArn,"
                    + " principalArn, issuedBefore)");
        }
    }

    private Revocation choose(RevokeRequest request) {
        if (request == null) {
            throw StsException.validation("a JSON body is required");
        }
        int given = (request.accessKeyId() == null ? 0 : 1) + (request.roleArn() == null ? 0 : 1)
                + (request.principalArn() == null ? 0 : 1);
        if (given != 1) {
            throw StsException.validation("give exactly one of accessKeyId, roleArn, principalArn");
        }
        if (request.accessKeyId() != null) {
            return revocations.revokeSession(request.accessKeyId());
        }
        Optional<Instant> before = Optional.ofNullable(request.issuedBefore()).map(AdminRoutes::instant);
        return request.roleArn() != null ? revocations.revokeRoleSessions(request.roleArn(), before)
                : revocations.revokePrincipalSessions(request.principalArn(), before);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw StsException.validation("issuedBefore must be an ISO-8601 instant such as 2026-11-23T17:00:00Z");
        }
    }
}

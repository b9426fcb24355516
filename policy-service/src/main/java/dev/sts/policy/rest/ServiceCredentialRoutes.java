package dev.sts.policy.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.audit.AuditEvent;
import dev.sts.core.audit.AuditIdentity;
import dev.sts.core.credential.AuthorizeClients;
import dev.sts.core.credential.FixedCredentials;
import dev.sts.core.credential.ServiceCredentialGate;
import dev.sts.core.credential.ServiceCredentialGate.Rule;
import dev.sts.core.credential.ServiceScope;
import dev.sts.core.credential.ServiceToken;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.SecretRewrapReport;
import dev.sts.core.port.AuthorizeClientStore;
import dev.sts.core.api.QueryApi;
import dev.sts.policy.config.PolicyServiceConfig;
import dev.sts.policy.messaging.KafkaAuditPublisher;
import dev.sts.support.ServiceCredentialFilter;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * policy-service's service credentials, in one place: the filter guarding {@code /internal/*} (key resolution)
 * and {@code /v1/authorize/*} (authorize clients) on the public port and {@code /admin/*} (operators) on the
 * management port, and the admin API that creates, lists and revokes authorize clients:
 * <ul>
 *   <li>{@code POST /admin/v1/authorize-clients} {@code {"name":"orders-service"}}: 201 with the token, shown once;</li>
 *   <li>{@code GET /admin/v1/authorize-clients}: the names, never a secret;</li>
 *   <li>{@code DELETE /admin/v1/authorize-clients/{name}}: refused by every instance from its next request on;</li>
 *   <li>{@code POST /admin/v1/secrets/rewrap}: seals every access-key secret and MFA seed again under the active
 *   key-encryption key ({@link IamRepository#rewrapSecrets}) and answers the counts, never a value.</li>
 * </ul>
 */
@ApplicationScoped
public class ServiceCredentialRoutes {
    static final String CLIENTS = "/admin/v1/authorize-clients";
    static final String REWRAP = "/admin/v1/secrets/rewrap";
    private static final Logger LOG = Logger.getLogger(ServiceCredentialRoutes.class);
    private static final int MAX_BODY_BYTES = 4096;

    private final ServiceCredentialFilter filter;
    private final AuthorizeClients clients;
    private final IamRepository iam;
    private final KafkaAuditPublisher audit;
    private final Clock clock;
    private final ObjectMapper json;

    ServiceCredentialRoutes(PolicyServiceConfig config, AuthorizeClientStore store, IamRepository iam,
                            KafkaAuditPublisher audit, Clock clock, ObjectMapper json) {
        this.iam = iam;
        this.clients = new AuthorizeClients(store,
                FixedCredentials.fromTokens(config.credentials().authorize().orElse(List.of())));
        ServiceCredentialGate gate = new ServiceCredentialGate(
                List.of(new Rule("/internal", ServiceScope.KEY_RESOLUTION),
                        new Rule("/v1/authorize", ServiceScope.AUTHORIZE),
                        new Rule("/admin", ServiceScope.ADMIN)),
                Map.of(ServiceScope.KEY_RESOLUTION, FixedCredentials.fromTokens(config.credentials().keyResolution()),
                        ServiceScope.AUTHORIZE, clients,
                        ServiceScope.ADMIN, FixedCredentials.fromTokens(config.credentials().admin())));
        this.filter = new ServiceCredentialFilter(gate, audit, QueryApi.iam().eventSource(), QueryApi.iam().region(), clock);
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    void publicPort(@Observes Router router) {
        // The admin API lives on the management port only; on this port any /admin path is 404, whatever is mounted.
        ServiceCredentialFilter.hide(router, "/admin");
        filter.mount(router);
    }

    void managementPort(@Observes ManagementInterface management) {
        Router router = management.router();
        filter.mount(router);
        router.post(CLIENTS).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).blockingHandler(this::create, false);
        router.get(CLIENTS).blockingHandler(this::list, false);
        router.delete(CLIENTS + "/:name").blockingHandler(this::revoke, false);
        router.post(REWRAP).blockingHandler(this::rewrap, false);
    }

    private void rewrap(RoutingContext context) {
        SecretRewrapReport report;
        try {
            report = iam.rewrapSecrets();
        } catch (RuntimeException unavailable) {
            // Redis failed part-way: every record is replaced on its own, so running it again finishes the job.
            LOG.error("Rewrap failed", unavailable);
            ServiceCredentialFilter.answer(context, 503, Map.of("code", "ServiceUnavailable",
                    "message", "The rewrap did not finish; records already rewrapped stay so. Run it again."));
            return;
        }
        LOG.infof("Secrets rewrapped under key-encryption key %s: %d rewrapped, %d sealed from plaintext, %d already"
                + " current, %d unreadable", report.activeKeyId(), report.rewrapped(), report.sealed(), report.current(),
                report.unreadable());
        audited(context, "RewrapSecrets", null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("activeKeyId", report.activeKeyId());
        answer.put("rewrapped", report.rewrapped());
        answer.put("sealed", report.sealed());
        answer.put("current", report.current());
        answer.put("unreadable", report.unreadable());
        ServiceCredentialFilter.answer(context, 200, answer);
    }

    private void create(RoutingContext context) {
        String name;
        try {
            JsonNode body = json.readTree(context.body().asString());
            JsonNode field = body == null ? null : body.get("name");
            name = field != null && field.isTextual() && body.size() == 1 ? field.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            name = null;
        }
        if (!ServiceToken.isName(name)) {
            ServiceCredentialFilter.answer(context, 400, Map.of("code", "ValidationError", "message",
                    "give {\"name\": \"...\"}: 1 to 63 lower-case letters, digits or dashes"));
            return;
        }
        try {
            String token = clients.create(name);
            audited(context, "CreateAuthorizeClient", name);
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("name", name);
            answer.put("token", token);
            answer.put("header", ServiceScope.AUTHORIZE.header());
            ServiceCredentialFilter.answer(context, 201, answer);
        } catch (AuthorizeClients.Conflict conflict) {
            ServiceCredentialFilter.answer(context, 409, Map.of("code", "EntityAlreadyExists", "message", conflict.getMessage()));
        }
    }

    private void list(RoutingContext context) {
        ServiceCredentialFilter.answer(context, 200, Map.of("created", clients.created(), "configured", clients.configured()));
    }

    private void revoke(RoutingContext context) {
        String name = context.pathParam("name");
        try {
            if (!clients.revoke(name)) {
                ServiceCredentialFilter.answer(context, 404, Map.of("code", "NoSuchEntity", "message", "no such authorize client"));
                return;
            }
            audited(context, "RevokeAuthorizeClient", name);
            ServiceCredentialFilter.answer(context, 200, Map.of("name", name, "revoked", true));
        } catch (AuthorizeClients.Conflict conflict) {
            ServiceCredentialFilter.answer(context, 409, Map.of("code", "Conflict", "message", conflict.getMessage()));
        }
    }

    private void audited(RoutingContext context, String eventName, String clientName) {
        String source = context.request().remoteAddress() == null ? null : context.request().remoteAddress().hostAddress();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("clientName", clientName);
        parameters.put("credentialName", context.get(ServiceCredentialFilter.CREDENTIAL_NAME));
        audit.publish(new AuditEvent(clock.instant(), QueryApi.iam().eventSource(), eventName, QueryApi.iam().region(),
                source, context.request().getHeader("User-Agent"), AuditIdentity.unknown(null), parameters, null,
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), null, null, null, false));
    }
}

package dev.sts.federation.rest;

import dev.sts.core.credential.FixedCredentials;
import dev.sts.core.credential.ServiceCredentialGate;
import dev.sts.core.credential.ServiceCredentialGate.Rule;
import dev.sts.core.credential.ServiceScope;
import dev.sts.core.port.AuditPublisher;
import dev.sts.federation.config.FederationServiceConfig;
import dev.sts.support.ServiceCredentialFilter;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The one credential check of federation-service: {@code /internal/*} (token validation, GetWebIdentityToken signing)
 * needs a {@link ServiceScope#FEDERATION} credential in {@code X-Sts-Federation-Token} (token-service's
 * {@code STS_FEDERATION_TOKEN}); every other path (the outbound issuers' public discovery and JWKS) is open.
 *
 * <p>A refusal is answered 401/403 and logged at WARN by {@link ServiceCredentialFilter} (path, scope, source, never the
 * token). It is not published as an audit event: federation-service may not write to Kafka (its principal only reads
 * {@code iam.changes.v1}), so the log line is its record.
 */
@ApplicationScoped
public class InternalApiFilter {
    /** federation-service publishes no audit events: the filter's WARN line records a refusal. */
    private static final AuditPublisher LOG_ONLY = event -> {
    };

    private final ServiceCredentialFilter filter;

    InternalApiFilter(FederationServiceConfig config) {
        this.filter = new ServiceCredentialFilter(
                new ServiceCredentialGate(List.of(new Rule("/internal", ServiceScope.FEDERATION)),
                        Map.of(ServiceScope.FEDERATION, FixedCredentials.fromTokens(config.credentials().federation()))),
                LOG_ONLY, "sts.amazonaws.com", "us-east-1", Clock.systemUTC());
    }

    void publicPort(@Observes Router router) {
        filter.mount(router);
    }
}

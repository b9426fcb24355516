package dev.sts.token.service;

import dev.sts.core.api.ActionAuthorizer;
import dev.sts.core.api.QueryAction;
import dev.sts.core.api.QueryApi;
import dev.sts.core.api.QueryRequestPipeline;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.port.AuditPublisher;
import dev.sts.token.config.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The STS Query API: the core pipeline with this service's actions. */
@ApplicationScoped
public class StsPipelineProducer {
    @Produces
    @Singleton
    QueryRequestPipeline stsPipeline(TokenServiceConfig config, RequestAuthenticator authenticator, AuditPublisher audit,
                                     Clock clock, Instance<QueryAction> actions) {
        // GetCallerIdentity and GetSessionToken are never denied by policy; each action checks its own rules.
        return new QueryRequestPipeline(QueryApi.sts(config.region()), authenticator, ActionAuthorizer.ALLOW_AUTHENTICATED,
                audit, clock, actions.stream().toList());
    }
}

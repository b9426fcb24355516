package dev.sts.policy.config;

import dev.sts.core.federation.OidcProviderRules;
import dev.sts.core.federation.OutboundIssuerIdentifiers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.security.SecureRandom;

/** The core's rules for OpenID Connect providers and outbound federation, from {@code sts.federation.*}. */
@ApplicationScoped
public class FederationBeans {
    @Produces
    @Singleton
    OidcProviderRules oidcProviderRules(PolicyServiceConfig config) {
        return new OidcProviderRules(config.federation().allowLoopbackHttpIssuers());
    }

    @Produces
    @Singleton
    OutboundIssuerIdentifiers outboundIssuerIdentifiers(PolicyServiceConfig config) {
        return new OutboundIssuerIdentifiers(config.federation().outboundIssuerBase(), new SecureRandom());
    }
}

package dev.sts.token.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.auth.CachingSigningKeyDirectory;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.auth.SigningKeyWindow;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import dev.sts.token.client.FederationServiceClient;
import dev.sts.token.client.PolicyServiceClient;
import dev.sts.token.client.PolicyServiceSigningKeyDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Set;

/** Turns configuration into the plain core objects the endpoint works with. */
@ApplicationScoped
public class CoreBeans {
    /** SigV4's signing name for STS. */
    public static final String SIGNING_SERVICE = "sts";

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SessionTokenCodec sessionTokenCodec(TokenServiceConfig config) {
        return new SessionTokenCodec(TokenKeyRing.parse(config.tokenKeys()));
    }

    @Produces
    @Singleton
    SessionIssuer sessionIssuer(SessionTokenCodec codec, Clock clock, TokenServiceConfig config) {
        return new SessionIssuer(codec, clock, config.region());
    }

    @Produces
    @Singleton
    PolicyServiceClient policyServiceClient(TokenServiceConfig config) {
        return new PolicyServiceClient(config.policyService().url(), config.keyResolutionToken(), config.policyService().timeout());
    }

    @Produces
    @Singleton
    FederationServiceClient federationServiceClient(TokenServiceConfig config) {
        return new FederationServiceClient(config.federationService().url(), config.federationToken(),
                config.federationService().timeout());
    }

    /** Signing keys derived by policy-service for this endpoint's region and STS only, cached; never secrets. */
    @Produces
    @Singleton
    CachingSigningKeyDirectory signingKeyDirectory(PolicyServiceClient policyService, TokenServiceConfig config,
                                                   Clock clock, ObjectMapper json) {
        TokenServiceConfig.CredentialCache cache = config.credentialCache();
        SigningKeyWindow window = new SigningKeyWindow(clock, Set.of(config.region()), Set.of(SIGNING_SERVICE));
        return new CachingSigningKeyDirectory(new PolicyServiceSigningKeyDirectory(policyService, window, json),
                clock, cache.ttl(), cache.unknownTtl(), cache.maxEntries());
    }

    @Produces
    @Singleton
    RequestAuthenticator requestAuthenticator(SessionTokenCodec codec, CachingSigningKeyDirectory directory,
                                              RevocationList revocations, Clock clock, TokenServiceConfig config) {
        return new RequestAuthenticator(new SigV4Verifier(clock, config.region()), codec, directory, revocations, clock, SIGNING_SERVICE);
    }
}

package dev.sts.token.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.auth.CachingCredentialDirectory;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import dev.sts.token.client.PolicyServiceCredentialDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

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
    CachingCredentialDirectory credentialDirectory(TokenServiceConfig config, Clock clock, ObjectMapper json) {
        TokenServiceConfig.PolicyService policy = config.policyService();
        TokenServiceConfig.CredentialCache cache = config.credentialCache();
        return new CachingCredentialDirectory(
                new PolicyServiceCredentialDirectory(policy.url(), config.keyResolutionToken(), policy.timeout(), json),
                clock, cache.ttl(), cache.unknownTtl(), cache.maxEntries());
    }

    @Produces
    @Singleton
    RequestAuthenticator requestAuthenticator(SessionTokenCodec codec, CachingCredentialDirectory directory,
                                              RevocationList revocations, Clock clock, TokenServiceConfig config) {
        return new RequestAuthenticator(new SigV4Verifier(clock, config.region()), codec, directory, revocations, clock, SIGNING_SERVICE);
    }
}

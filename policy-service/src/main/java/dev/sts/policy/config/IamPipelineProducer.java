package dev.sts.policy.config;

import dev.sts.core.api.QueryApi;
import dev.sts.core.api.QueryRequestPipeline;
import dev.sts.core.auth.CredentialTypeRules;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.iam.AccessKeyResolution;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRules;
import dev.sts.core.iam.PolicyGrammar;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import dev.sts.policy.action.IamActionCatalog;
import dev.sts.policy.messaging.KafkaAuditPublisher;
import dev.sts.policy.service.IamCallAuthorizer;
import dev.sts.support.InfrastructureFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The IAM Query API: the core pipeline, authenticating with this service's own IAM state (no remote
 * lookup for long-term keys) and the shared session-token key ring, refusing the credentials AWS never lets
 * call IAM (GetSessionToken without MFA, GetFederationToken: {@link CredentialTypeRules}), and authorizing every
 * other call against the caller's policies.
 */
@ApplicationScoped
public class IamPipelineProducer {
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    IamRules iamRules(PolicyGrammar grammar) {
        return new IamRules(grammar);
    }

    @Produces
    @Singleton
    @IamEndpoint
    QueryRequestPipeline iamPipeline(PolicyServiceConfig config, IamRepository iam, IamCallAuthorizer authorizer,
                                     KafkaAuditPublisher audit, IamActionCatalog catalog, RevocationList revocations,
                                     Clock clock) {
        QueryApi api = QueryApi.iam();
        RequestAuthenticator authenticator = new RequestAuthenticator(new SigV4Verifier(clock),
                new SessionTokenCodec(TokenKeyRing.parse(config.tokenKeys())),
                accessKeyId -> AccessKeyResolution.resolve(iam, accessKeyId), revocations, clock, api.signingName());
        return new QueryRequestPipeline(api, authenticator, CredentialTypeRules.aws(), authorizer, audit,
                new InfrastructureFailures(), clock, catalog.actions());
    }
}

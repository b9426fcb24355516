package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.port.SessionStore;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.sts.FederationTokenRequest;
import dev.sts.core.sts.FederationTokens;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.sts.TemporaryCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GetFederationToken: a federated user session, from long-term credentials of a user allowed
 * {@code sts:GetFederationToken} on {@code arn:aws:sts::ACCOUNT:federated-user/NAME} (or of an account root).
 */
@ApplicationScoped
public class GetFederationTokenAction implements QueryAction {
    private final FederationTokens federation;
    private final CallerAuthorization authorization;
    private final IamRepository iam;
    private final SessionStore sessions;

    GetFederationTokenAction(SessionIssuer issuer, CallerAuthorization authorization, IamRepository iam,
                             SessionStore sessions) {
        this.federation = new FederationTokens(issuer);
        this.authorization = authorization;
        this.iam = iam;
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "GetFederationToken";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Result handle(InboundRequest http, AuthenticatedCaller caller, QueryParameters params) {
        FederationTokenRequest request = FederationTokenRequest.from(params);
        FederationTokens.requireLongTermCredentials(caller);
        authorization.require(caller, "sts:GetFederationToken",
                FederationTokens.federatedUserArn(caller.identity().account(), request.name()), http.sourceIp());
        for (String arn : request.policyArns()) {
            if (iam.findPolicy(arn).isEmpty()) {
                throw StsException.validation("Policy " + arn + " does not exist or is not attachable.");
            }
        }
        FederationTokens.Federated issued = federation.issue(caller, request);
        sessions.record(issued.claims());
        TemporaryCredentials credentials = issued.credentials();
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("credentials", CredentialsXml.audited(credentials));
        audited.put("federatedUser", Map.of("federatedUserId", issued.federatedUserId(), "arn", issued.arn()));
        return new Result(xml -> {
            CredentialsXml.write(xml, credentials);
            xml.start("FederatedUser")
                    .element("FederatedUserId", issued.federatedUserId())
                    .element("Arn", issued.arn())
                    .end("FederatedUser");
            if (issued.packedPolicySize() > 0) {
                xml.element("PackedPolicySize", issued.packedPolicySize());
            }
        }, audited);
    }
}

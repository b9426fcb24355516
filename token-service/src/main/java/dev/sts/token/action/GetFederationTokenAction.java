package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.port.SessionStore;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.sts.FederationTokenHandler;
import dev.sts.core.sts.FederationTokenRequest;
import dev.sts.core.sts.FederationTokens;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.sts.TemporaryCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GetFederationToken on the wire: the parameters to a {@link FederationTokenRequest}, the core's
 * {@link FederationTokenHandler} (long-term credentials only, {@code sts:GetFederationToken} on
 * {@code arn:aws:sts::ACCOUNT:federated-user/NAME}, session policies of the caller's account, issuance, the session
 * record), and its result to XML and the audit event.
 */
@ApplicationScoped
public class GetFederationTokenAction implements QueryAction {
    private final FederationTokenHandler handler;

    GetFederationTokenAction(SessionIssuer issuer, CallerAuthorization authorization, IamRepository iam,
                             SessionStore sessions) {
        this.handler = new FederationTokenHandler(issuer, authorization, iam, sessions);
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
        FederationTokens.Federated issued = handler.handle(caller, FederationTokenRequest.from(params), http.sourceIp());
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

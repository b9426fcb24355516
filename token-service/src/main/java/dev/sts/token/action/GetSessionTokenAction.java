package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.mfa.MfaVerification;
import dev.sts.core.port.SessionStore;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.sts.GetSessionTokenRequest;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.sts.TemporaryCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * GetSessionToken: temporary credentials for the same principal, from long-term credentials only; with a
 * SerialNumber and TokenCode the session carries MFA (aws:MultiFactorAuthPresent).
 */
@ApplicationScoped
public class GetSessionTokenAction implements QueryAction {
    private final SessionIssuer issuer;
    private final SessionStore sessions;
    private final MfaVerification mfa;

    GetSessionTokenAction(SessionIssuer issuer, SessionStore sessions, MfaVerification mfa) {
        this.issuer = issuer;
        this.sessions = sessions;
        this.mfa = mfa;
    }

    @Override
    public String name() {
        return "GetSessionToken";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
        if (caller.usesTemporaryCredentials()) {
            throw new StsException(StsErrorCode.ACCESS_DENIED, "Cannot call GetSessionToken with session credentials");
        }
        GetSessionTokenRequest sessionRequest = GetSessionTokenRequest.from(params);
        if (sessionRequest.presentsMfa()) {
            if (sessionRequest.serialNumber().isEmpty() || sessionRequest.tokenCode().isEmpty()) {
                throw new StsException(StsErrorCode.ACCESS_DENIED, "MultiFactorAuthentication failed, must provide "
                        + "both MFA serial number and one time pass code.");
            }
            mfa.verify(caller.identity(), sessionRequest.serialNumber().get(), sessionRequest.tokenCode().get());
        }
        SessionIssuer.IssuedSession issued = issuer.issue(caller,
                sessionRequest.lifetimeFor(caller.identity().isRoot()), sessionRequest.presentsMfa());
        sessions.record(issued.claims());
        TemporaryCredentials credentials = issued.credentials();
        return new Result(xml -> CredentialsXml.write(xml, credentials),
                Map.of("credentials", CredentialsXml.audited(credentials)));
    }
}

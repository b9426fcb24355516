package dev.sts.token.action;

import dev.sts.core.audit.AuditEventJson;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.port.SessionStore;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.sts.GetSessionTokenRequest;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.sts.TemporaryCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** GetSessionToken: temporary credentials for the same principal, from long-term credentials only. */
@ApplicationScoped
public class GetSessionTokenAction implements QueryAction {
    private final SessionIssuer issuer;
    private final SessionStore sessions;

    GetSessionTokenAction(SessionIssuer issuer, SessionStore sessions) {
        this.issuer = issuer;
        this.sessions = sessions;
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
    public Result handle(AuthenticatedCaller caller, QueryParameters params) {
        if (caller.usesTemporaryCredentials()) {
            throw new StsException(StsErrorCode.ACCESS_DENIED, "Cannot call GetSessionToken with session credentials");
        }
        GetSessionTokenRequest request = GetSessionTokenRequest.from(params);
        if (request.presentsMfa()) {
            // MFA devices arrive with the IAM control plane; until then no serial number names a device.
            throw new StsException(StsErrorCode.ACCESS_DENIED,
                    "MultiFactorAuthentication failed with invalid MFA one time pass code.");
        }
        SessionIssuer.IssuedSession issued = issuer.issue(caller.identity(), caller.accessKeyId(),
                request.lifetimeFor(caller.identity().isRoot()), false);
        sessions.record(issued.claims());
        TemporaryCredentials credentials = issued.credentials();
        String expiration = AuditEventJson.iso(credentials.expiration());
        return new Result(xml -> xml.start("Credentials")
                .element("AccessKeyId", credentials.accessKeyId())
                .element("SecretAccessKey", credentials.secretAccessKey())
                .element("SessionToken", credentials.sessionToken())
                .element("Expiration", expiration)
                .end("Credentials"),
                Map.of("credentials", Map.of("accessKeyId", credentials.accessKeyId(), "expiration", expiration)));
    }
}

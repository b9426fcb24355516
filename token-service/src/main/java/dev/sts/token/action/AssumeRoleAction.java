package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.mfa.MfaVerification;
import dev.sts.core.port.SessionStore;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.sts.AssumeRoleHandler;
import dev.sts.core.sts.AssumeRoleRequest;
import dev.sts.core.sts.RoleAssumption;
import dev.sts.core.sts.TemporaryCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * AssumeRole on the wire: the parameters to an {@link AssumeRoleRequest}, the core's {@link AssumeRoleHandler}
 * (every rule, in its order: refusals before the role lookup, MFA, trust, session policies, issuance, the session
 * record), and its result to XML and the audit event.
 */
@ApplicationScoped
public class AssumeRoleAction implements QueryAction {
    private final AssumeRoleHandler handler;

    AssumeRoleAction(IamRepository iam, PrincipalPolicies principals, MfaVerification mfa, RoleAssumption assumption,
                     SessionStore sessions) {
        this.handler = new AssumeRoleHandler(iam, principals, mfa, assumption, sessions);
    }

    @Override
    public String name() {
        return "AssumeRole";
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public Result handle(InboundRequest http, AuthenticatedCaller caller, QueryParameters params) {
        return result(handler.handle(caller, AssumeRoleRequest.from(params), http.sourceIp()));
    }

    private static Result result(RoleAssumption.AssumedRole assumed) {
        TemporaryCredentials credentials = assumed.credentials();
        Optional<Integer> packed = assumed.packedPolicySize() > 0 ? Optional.of(assumed.packedPolicySize()) : Optional.empty();
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("credentials", CredentialsXml.audited(credentials));
        audited.put("assumedRoleUser", Map.of("assumedRoleId", assumed.assumedRoleId(), "arn", assumed.assumedRoleArn()));
        packed.ifPresent(size -> audited.put("packedPolicySize", size));
        assumed.sourceIdentity().ifPresent(source -> audited.put("sourceIdentity", source));
        return new Result(xml -> {
            CredentialsXml.write(xml, credentials);
            xml.start("AssumedRoleUser")
                    .element("AssumedRoleId", assumed.assumedRoleId())
                    .element("Arn", assumed.assumedRoleArn())
                    .end("AssumedRoleUser");
            packed.ifPresent(size -> xml.element("PackedPolicySize", size));
            assumed.sourceIdentity().ifPresent(source -> xml.element("SourceIdentity", source));
        }, audited);
    }
}

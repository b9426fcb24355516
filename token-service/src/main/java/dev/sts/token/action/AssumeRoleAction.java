package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryAction;
import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.mfa.MfaVerification;
import dev.sts.core.policy.NamedPolicy;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.PolicyType;
import dev.sts.core.port.SessionStore;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.sts.AssumeRoleRequest;
import dev.sts.core.sts.RoleAssumption;
import dev.sts.core.sts.TemporaryCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AssumeRole: the service's part is fetching what the decision needs (the role, the caller's policies
 * and tags, the session policies by ARN), verifying MFA, and recording the session; the rules live in
 * the core's {@link RoleAssumption}. A role that does not exist is refused exactly like one that does
 * not trust the caller, as on AWS, so the answer never reveals which roles exist.
 */
@ApplicationScoped
public class AssumeRoleAction implements QueryAction {
    private final IamRepository iam;
    private final PrincipalPolicies principals;
    private final MfaVerification mfa;
    private final RoleAssumption assumption;
    private final SessionStore sessions;

    AssumeRoleAction(IamRepository iam, PrincipalPolicies principals, MfaVerification mfa, RoleAssumption assumption,
                     SessionStore sessions) {
        this.iam = iam;
        this.principals = principals;
        this.mfa = mfa;
        this.assumption = assumption;
        this.sessions = sessions;
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
        AssumeRoleRequest request = AssumeRoleRequest.from(params);
        // Everything that does not depend on the role comes first, so that whether it exists changes nothing.
        assumption.refuseByCallerAndRequest(caller, request);
        Optional<MfaVerification.AcceptedCode> mfaCode = request.presentsMfa()
                ? Optional.of(mfa.check(caller.identity(), request.serialNumber().orElseThrow(), request.tokenCode().orElseThrow()))
                : Optional.empty();
        IamRole role = role(caller, request.roleArn());
        PolicySet callerPolicies = principals.ofCaller(caller).orElse(PolicySet.ofIdentity(List.of()));
        RoleAssumption.AssumedRole assumed = assumption.assume(caller, callerPolicies, principals.tagsOf(caller), role,
                request, sessionPolicies(request), request.presentsMfa(), http.sourceIp());
        // Spent only now: a request refused above leaves the code for the caller's next attempt.
        mfaCode.ifPresent(mfa::spend);
        sessions.record(assumed.claims());
        return result(assumed);
    }

    private IamRole role(AuthenticatedCaller caller, String roleArn) {
        Arn arn = Arn.parse(roleArn);
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        return iam.findRole(arn.account(), name)
                .filter(role -> role.arn().equals(roleArn))
                .orElseThrow(() -> new StsException(StsErrorCode.ACCESS_DENIED, "User: " + caller.identity().arn()
                        + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn));
    }

    private List<NamedPolicy> sessionPolicies(AssumeRoleRequest request) {
        List<NamedPolicy> resolved = new ArrayList<>();
        for (String arn : request.policyArns()) {
            var policy = iam.findPolicy(arn).orElseThrow(() -> StsException.validation(
                    "Policy " + arn + " does not exist or is not attachable."));
            resolved.add(principals.inputPolicy(policy.arn(), policy.defaultVersion().document(), PolicyType.SESSION));
        }
        return resolved;
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

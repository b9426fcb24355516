package dev.sts.core.sts;

import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.ManagedPolicyArns;
import dev.sts.core.mfa.MfaVerification;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.port.SessionStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AssumeRole from an authenticated caller and its validated request to the issued, recorded role session: the
 * one orchestration production and the benchmark both run. The service's action only maps parameters to the
 * {@link AssumeRoleRequest} and the result to XML.
 *
 * <p>The order, and why:
 * <ol>
 *   <li>Refusals that depend on nothing about the role ({@link RoleAssumption#refuseByCallerAndRequest}): a root,
 *       a federated user, the chaining limit, a second source identity, a tag overriding a transitive one.</li>
 *   <li>MFA, when the request carries a SerialNumber and TokenCode: checked ({@link MfaVerification#check}), not
 *       yet spent.</li>
 *   <li>The role, by its ARN; a role that does not exist is refused exactly like one that does not trust the
 *       caller (AccessDenied), so the answer never reveals which roles exist.</li>
 *   <li>{@link RoleAssumption}: the trust policy, MaxSessionDuration, the request's PolicyArns (each must be AWS
 *       managed or a policy of the role's account, else ValidationError "Policy ARN does not exist or is not
 *       attachable." — the same answer for another account's policy as for a missing one), the packed size, and
 *       the sealed session.</li>
 *   <li>The MFA code is spent only now, so a request refused above leaves it for the caller's next attempt.</li>
 *   <li>The session is recorded.</li>
 * </ol>
 */
public final class AssumeRoleHandler {
    private final IamRepository iam;
    private final PrincipalPolicies principals;
    private final MfaVerification mfa;
    private final RoleAssumption assumption;
    private final SessionStore sessions;

    /**
     * @param iam        where roles and managed policies are found
     * @param principals the caller's policies and tags
     * @param mfa        the TOTP and used-code checks
     * @param assumption the decision and issuance
     * @param sessions   where each issued session is recorded
     */
    public AssumeRoleHandler(IamRepository iam, PrincipalPolicies principals, MfaVerification mfa,
                             RoleAssumption assumption, SessionStore sessions) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.principals = Objects.requireNonNull(principals, "principals");
        this.mfa = Objects.requireNonNull(mfa, "mfa");
        this.assumption = Objects.requireNonNull(assumption, "assumption");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * Runs AssumeRole.
     *
     * @param caller   the authenticated caller
     * @param request  the validated request
     * @param sourceIp the caller's address for {@code aws:SourceIp}, or null
     * @return the issued and recorded role session
     * @throws StsException AccessDenied, ValidationError, InvalidParameterValue or PackedPolicyTooLarge, worded as
     *                      AWS words them (see the class comment for which and when)
     */
    public RoleAssumption.AssumedRole handle(AuthenticatedCaller caller, AssumeRoleRequest request, String sourceIp) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(request, "request");
        assumption.refuseByCallerAndRequest(caller, request);
        Optional<MfaVerification.AcceptedCode> mfaCode = request.presentsMfa()
                ? Optional.of(mfa.check(caller.identity(), request.serialNumber().orElseThrow(),
                request.tokenCode().orElseThrow()))
                : Optional.empty();
        IamRole role = role(caller, request.roleArn());
        PolicySet callerPolicies = principals.ofCaller(caller).orElse(PolicySet.ofIdentity(List.of()));
        RoleAssumption.AssumedRole assumed = assumption.assume(caller, callerPolicies, principals.tagsOf(caller), role,
                request, this::requireUsable, request.presentsMfa(), sourceIp);
        mfaCode.ifPresent(mfa::spend);
        sessions.record(assumed.claims());
        return assumed;
    }

    private IamRole role(AuthenticatedCaller caller, String roleArn) {
        Arn arn = Arn.parse(roleArn);
        String name = arn.resource().substring(arn.resource().lastIndexOf('/') + 1);
        return iam.findRole(arn.account(), name)
                .filter(role -> role.arn().equals(roleArn))
                .orElseThrow(() -> new StsException(StsErrorCode.ACCESS_DENIED, "User: " + caller.identity().arn()
                        + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn));
    }

    private void requireUsable(List<String> policyArns, String sessionAccount) {
        requireUsableSessionPolicies(iam, policyArns, sessionAccount);
    }

    /**
     * Refuses a managed session policy the session's account may not use, or that does not exist, with one answer
     * for both (ValidationError "Policy ARN does not exist or is not attachable."), so that no account learns
     * from it which policies another holds. Shared with {@link FederationTokenHandler}.
     */
    static void requireUsableSessionPolicies(IamRepository iam, List<String> policyArns, String sessionAccount) {
        for (String arn : policyArns) {
            boolean usable = ManagedPolicyArns.attachableIn(sessionAccount, arn)
                    && iam.findPolicy(arn).filter(policy -> ManagedPolicyArns.attachableIn(sessionAccount, policy)).isPresent();
            if (!usable) {
                throw notAttachable(arn);
            }
        }
    }

    static StsException notAttachable(String policyArn) {
        return StsException.validation("Policy " + policyArn + " does not exist or is not attachable.");
    }
}

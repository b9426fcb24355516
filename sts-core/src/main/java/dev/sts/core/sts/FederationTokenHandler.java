package dev.sts.core.sts;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.AuthorizationQuery;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.Tag;
import dev.sts.core.port.SessionStore;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * GetFederationToken from an authenticated caller and its validated request to the issued, recorded federated
 * user session; the service's action only maps parameters and XML.
 *
 * <p>The order: only long-term credentials may federate (AccessDenied "Cannot call GetFederationToken with session
 * credentials"); the caller's policies must allow {@code sts:GetFederationToken} on
 * {@code arn:aws:sts::ACCOUNT:federated-user/NAME} (an account root always may), with {@code aws:RequestTag/K} and
 * {@code aws:TagKeys} for the session tags, and {@code sts:TagSession} too when there are tags; each managed session policy
 * (PolicyArns) must be AWS managed or a policy of the caller's account (ValidationError "Policy ARN does not exist
 * or is not attachable.", the same for another account's policy as for a missing one); then the packed size, the
 * sealed session ({@link FederationTokens}), and its record.
 */
public final class FederationTokenHandler {
    private final FederationTokens federation;
    private final CallerAuthorization authorization;
    private final IamRepository iam;
    private final SessionStore sessions;

    public FederationTokenHandler(SessionIssuer issuer, CallerAuthorization authorization, IamRepository iam,
                                  SessionStore sessions) {
        this.federation = new FederationTokens(Objects.requireNonNull(issuer, "issuer"));
        this.authorization = Objects.requireNonNull(authorization, "authorization");
        this.iam = Objects.requireNonNull(iam, "iam");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * Runs GetFederationToken.
     *
     * @param caller   the authenticated caller
     * @param request  the validated request
     * @param sourceIp the caller's address for {@code aws:SourceIp}, or null
     * @return the issued and recorded federated user session
     * @throws dev.sts.core.error.StsException AccessDenied, ValidationError or PackedPolicyTooLarge
     */
    public FederationTokens.Federated handle(AuthenticatedCaller caller, FederationTokenRequest request, String sourceIp) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(request, "request");
        FederationTokens.requireLongTermCredentials(caller);
        String account = caller.identity().account();
        String federatedUser = FederationTokens.federatedUserArn(account, request.name());
        Map<String, List<String>> tagKeys = Tag.requestKeys(request.tags());
        authorization.require(caller, AuthorizationQuery.of("sts:GetFederationToken", federatedUser, sourceIp)
                .withActionKeys(tagKeys));
        if (!request.tags().isEmpty()) {
            // Session tags need sts:TagSession as well, judged on the same tags.
            authorization.require(caller, AuthorizationQuery.of("sts:TagSession", federatedUser, sourceIp)
                    .withActionKeys(tagKeys));
        }
        AssumeRoleHandler.requireUsableSessionPolicies(iam, request.policyArns(), account);
        FederationTokens.Federated issued = federation.issue(caller, request);
        sessions.record(issued.claims());
        return issued;
    }
}

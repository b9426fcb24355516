package dev.sts.core.sts;

import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;

import java.util.Optional;
import java.util.Set;

/**
 * Issues GetFederationToken sessions: a federated user {@code arn:aws:sts::ACCOUNT:federated-user/NAME}
 * acting with its issuing user's permissions intersected with the session policies passed, and with no
 * permissions at all when none were passed (as AWS).
 */
public final class FederationTokens {
    private final SessionIssuer issuer;

    public FederationTokens(SessionIssuer issuer) {
        this.issuer = issuer;
    }

    /** What was issued and what the answer says of it. */
    public record Federated(TemporaryCredentials credentials, SessionClaims claims, String federatedUserId, String arn,
                            int packedPolicySize) {
    }

    /** Only long-term credentials may federate, as on AWS; checked before any policy is consulted. */
    public static void requireLongTermCredentials(AuthenticatedCaller caller) {
        if (caller.usesTemporaryCredentials()) {
            throw new StsException(StsErrorCode.ACCESS_DENIED, "Cannot call GetFederationToken with session credentials");
        }
    }

    /** @throws StsException AccessDenied for temporary credentials; PackedPolicyTooLarge */
    public Federated issue(AuthenticatedCaller caller, FederationTokenRequest request) {
        requireLongTermCredentials(caller);
        PackedPolicySize packed = PackedPolicySize.of(request.policyJson(), request.policyArns(), request.tags());
        packed.requireFits(request.passesSessionPolicies());
        CallerIdentity issuerIdentity = caller.identity();
        String account = issuerIdentity.account();
        String arn = federatedUserArn(account, request.name());
        CallerIdentity federated = new CallerIdentity(account, arn, account + ":" + request.name(),
                PrincipalType.FEDERATED_USER, request.name());
        SessionContext context = new SessionContext(SessionContext.Kind.FEDERATED_USER, issuerIdentity.arn(),
                issuerIdentity.userId(), request.name(), Optional.empty(), request.tags(), Set.of(), request.policyJson(),
                request.policyArns(), false);
        SessionIssuer.IssuedSession issued = issuer.issue(caller, federated,
                request.lifetimeFor(issuerIdentity.isRoot()), false, Optional.of(context));
        int percent = request.passesSessionPolicies() || !request.tags().isEmpty() ? packed.percent() : 0;
        return new Federated(issued.credentials(), issued.claims(), federated.userId(), arn, percent);
    }

    public static String federatedUserArn(String account, String name) {
        return Arn.sts(account, "federated-user/" + name).toString();
    }
}

package dev.sts.core.policy;

import dev.sts.core.identity.CallerIdentity;

import java.util.Objects;
import java.util.Optional;

/**
 * Who makes the request being evaluated.
 *
 * @param account           the 12-digit account the principal lives in; empty for services, identity-provider
 *                          callers and anonymous callers
 * @param arn               the principal's own ARN (for a session, the session's ARN); for a service its
 *                          principal name, for an identity-provider caller the provider
 * @param userId            {@code aws:userid}: the account id for root, {@code AIDA…} for a user,
 *                          {@code AROA…:session} for a role session, {@code ACCOUNT:name} for a federated user
 * @param kind              the kind of principal
 * @param roleArn           the ARN of the IAM entity whose policies the session carries (CloudTrail's
 *                          {@code sessionIssuer}): for an assumed-role session the role's ARN, for a
 *                          federated-user session the ARN of the IAM user who called GetFederationToken
 * @param service           for a service principal, e.g. {@code ec2.amazonaws.com}
 * @param federatedProvider for an identity-provider caller, e.g. {@code accounts.google.com} or
 *                          {@code arn:aws:iam::111122223333:saml-provider/Corp}
 */
public record RequestPrincipal(String account, String arn, String userId, PrincipalKind kind, Optional<String> roleArn,
                               Optional<String> service, Optional<String> federatedProvider) {
    public RequestPrincipal {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(federatedProvider, "federatedProvider");
    }

    public static RequestPrincipal root(String account) {
        return new RequestPrincipal(account, "arn:aws:iam::" + account + ":root", account, PrincipalKind.ROOT,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @param userArn e.g. {@code arn:aws:iam::111122223333:user/division/Alice} */
    public static RequestPrincipal user(String account, String userArn, String userId) {
        return new RequestPrincipal(account, userArn, userId, PrincipalKind.USER,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param sessionArn {@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}
     * @param userId     {@code AROA…:SESSION}
     * @param roleArn    {@code arn:aws:iam::ACCT:role/PATH/ROLE}
     */
    public static RequestPrincipal roleSession(String account, String sessionArn, String userId, String roleArn) {
        return new RequestPrincipal(account, sessionArn, userId, PrincipalKind.ROLE_SESSION,
                Optional.of(roleArn), Optional.empty(), Optional.empty());
    }

    /**
     * @param federatedUserArn {@code arn:aws:sts::ACCT:federated-user/NAME}
     * @param issuerUserArn    the IAM user who called GetFederationToken
     */
    public static RequestPrincipal federatedUser(String account, String federatedUserArn, String issuerUserArn) {
        String name = federatedUserArn.substring(federatedUserArn.lastIndexOf('/') + 1);
        return new RequestPrincipal(account, federatedUserArn, account + ":" + name, PrincipalKind.FEDERATED_USER,
                Optional.of(issuerUserArn), Optional.empty(), Optional.empty());
    }

    /** @param servicePrincipal e.g. {@code ec2.amazonaws.com} */
    public static RequestPrincipal service(String servicePrincipal) {
        return new RequestPrincipal("", servicePrincipal, servicePrincipal, PrincipalKind.SERVICE,
                Optional.empty(), Optional.of(servicePrincipal), Optional.empty());
    }

    /** @param provider an OIDC provider ({@code accounts.google.com}, {@code arn:aws:iam::ACCT:oidc-provider/HOST}) or a SAML provider ARN */
    public static RequestPrincipal federated(String provider) {
        return new RequestPrincipal("", provider, provider, PrincipalKind.FEDERATED,
                Optional.empty(), Optional.empty(), Optional.of(provider));
    }

    public static RequestPrincipal anonymous() {
        return new RequestPrincipal("", "*", "anonymous", PrincipalKind.ANONYMOUS,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The principal of an authenticated caller.
     *
     * @param sessionIssuerArn the role ARN for an assumed-role caller, the IAM user ARN for a federated user
     */
    public static RequestPrincipal of(CallerIdentity caller, Optional<String> sessionIssuerArn) {
        PrincipalKind kind = switch (caller.type()) {
            case ROOT -> PrincipalKind.ROOT;
            case IAM_USER -> PrincipalKind.USER;
            case ASSUMED_ROLE -> PrincipalKind.ROLE_SESSION;
            case FEDERATED_USER -> PrincipalKind.FEDERATED_USER;
        };
        return new RequestPrincipal(caller.account(), caller.arn(), caller.userId(), kind, sessionIssuerArn,
                Optional.empty(), Optional.empty());
    }

    /** Same as {@link #roleArn()}: the session's issuer, named as CloudTrail names it. */
    public Optional<String> sessionIssuerArn() {
        return roleArn;
    }

    /** The ARN {@code aws:PrincipalArn} carries: the role's ARN for a role session, else the principal's own ARN. */
    public Optional<String> principalArnKey() {
        return switch (kind) {
            case ROLE_SESSION -> roleArn;
            case ROOT, USER, FEDERATED_USER -> Optional.of(arn);
            default -> Optional.empty();
        };
    }

    /** {@code aws:username}: present only for IAM users (their friendly name). */
    public Optional<String> userName() {
        return kind == PrincipalKind.USER ? Optional.of(arn.substring(arn.lastIndexOf('/') + 1)) : Optional.empty();
    }
}

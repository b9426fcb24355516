package dev.sts.core.policy;

/** The kinds of request principal the evaluator distinguishes. */
public enum PrincipalKind {
    /** The account's root user: full access in its own account unless explicitly denied. */
    ROOT("Account"),
    /** An IAM user, with long-term keys or a GetSessionToken session. */
    USER("User"),
    /** An assumed-role session ({@code arn:aws:sts::ACCT:assumed-role/ROLE/SESSION}). */
    ROLE_SESSION("AssumedRole"),
    /** A GetFederationToken session ({@code arn:aws:sts::ACCT:federated-user/NAME}). */
    FEDERATED_USER("FederatedUser"),
    /** An AWS service principal such as {@code ec2.amazonaws.com}; only resource policies grant it anything. */
    SERVICE("AWSService"),
    /** A web-identity or SAML caller, named by its identity provider; only resource (trust) policies grant it anything. */
    FEDERATED("WebIdentityUser"),
    /** An unauthenticated caller; only a resource policy naming everyone grants it anything. */
    ANONYMOUS("Anonymous");

    private final String principalType;

    PrincipalKind(String principalType) {
        this.principalType = principalType;
    }

    /** The value of {@code aws:PrincipalType} for this kind. */
    public String principalType() {
        return principalType;
    }

    /** Whether the principal lives in an account and so has identity policies and a same/cross-account notion. */
    public boolean hasAccount() {
        return this == ROOT || this == USER || this == ROLE_SESSION || this == FEDERATED_USER;
    }
}

package dev.sts.core.audit;

import dev.sts.core.identity.CallerIdentity;

import java.time.Instant;

/**
 * CloudTrail's {@code userIdentity}: who made the call, as far as it is known. A refused call may know
 * only the access key id it presented, or nothing at all.
 *
 * @param type            Root, IAMUser, AssumedRole, FederatedUser, or Unknown
 * @param principalId     the caller's unique id, if known
 * @param arn             the caller's ARN, if known
 * @param accountId       the caller's account, if known
 * @param accessKeyId     the key id that signed the request, if any
 * @param userName        the user name, if the caller is a user
 * @param sessionIssuedAt for temporary credentials: when the session was issued
 * @param mfaAuthenticated for temporary credentials: whether the session was issued with MFA
 * @param identityProvider for a WebIdentityUser: the provider that vouched for the caller ({@code HOST/PATH})
 */
public record AuditIdentity(String type, String principalId, String arn, String accountId, String accessKeyId,
                            String userName, Instant sessionIssuedAt, Boolean mfaAuthenticated,
                            String identityProvider) {

    /** An identity that did not come through an identity provider. */
    public AuditIdentity(String type, String principalId, String arn, String accountId, String accessKeyId,
                         String userName, Instant sessionIssuedAt, Boolean mfaAuthenticated) {
        this(type, principalId, arn, accountId, accessKeyId, userName, sessionIssuedAt, mfaAuthenticated, null);
    }

    /**
     * The caller of AssumeRoleWithWebIdentity once its token is validated, as CloudTrail records it:
     * {@code {"type": "WebIdentityUser", "principalId": "HOST/PATH:AUD:SUB", "userName": "SUB",
     * "identityProvider": "HOST/PATH"}}, with no ARN, account or key.
     *
     * @param providerUrl the provider's {@code HOST/PATH}
     * @param audience    the client id the token was accepted for
     * @param subject     the token's {@code sub}
     */
    public static AuditIdentity webIdentityUser(String providerUrl, String audience, String subject) {
        return new AuditIdentity("WebIdentityUser", providerUrl + ":" + audience + ":" + subject, null, null, null,
                subject, null, null, providerUrl);
    }

    public static AuditIdentity unknown(String accessKeyId) {
        return new AuditIdentity("Unknown", null, null, null, accessKeyId, null, null, null);
    }

    public static AuditIdentity of(CallerIdentity caller, String accessKeyId, Instant sessionIssuedAt, Boolean mfa) {
        String userName = caller.type() == dev.sts.core.identity.PrincipalType.IAM_USER ? caller.name() : null;
        return new AuditIdentity(caller.type().cloudTrailName(), caller.userId(), caller.arn(), caller.account(),
                accessKeyId, userName, sessionIssuedAt, mfa);
    }
}

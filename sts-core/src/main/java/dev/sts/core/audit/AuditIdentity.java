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
 */
public record AuditIdentity(String type, String principalId, String arn, String accountId, String accessKeyId,
                            String userName, Instant sessionIssuedAt, Boolean mfaAuthenticated) {

    public static AuditIdentity unknown(String accessKeyId) {
        return new AuditIdentity("Unknown", null, null, null, accessKeyId, null, null, null);
    }

    public static AuditIdentity of(CallerIdentity caller, String accessKeyId, Instant sessionIssuedAt, Boolean mfa) {
        String userName = caller.type() == dev.sts.core.identity.PrincipalType.IAM_USER ? caller.name() : null;
        return new AuditIdentity(caller.type().cloudTrailName(), caller.userId(), caller.arn(), caller.account(),
                accessKeyId, userName, sessionIssuedAt, mfa);
    }
}

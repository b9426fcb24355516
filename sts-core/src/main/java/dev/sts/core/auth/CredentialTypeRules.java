package dev.sts.core.auth;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.token.SessionClaims;

import java.util.Objects;
import java.util.Set;

/**
 * What each kind of credential may call, whatever its policies say, as AWS documents it (STS API reference,
 * GetSessionToken and GetFederationToken; IAM User Guide, "Compare AWS STS credentials"). One table, applied by
 * {@link dev.sts.core.api.QueryRequestPipeline} to every STS and IAM call once the caller is authenticated and
 * the action is known, before the action is authorized or run:
 *
 * <table>
 *   <caption>Credential type and what it may call</caption>
 *   <tr><th>credentials from</th><th>IAM API</th><th>STS actions</th></tr>
 *   <tr><td>long-term keys (user, root)</td><td>by policy</td><td>all</td></tr>
 *   <tr><td>GetSessionToken without MFA</td><td>none</td><td>AssumeRole, GetCallerIdentity</td></tr>
 *   <tr><td>GetSessionToken with MFA</td><td>by policy</td><td>AssumeRole, GetCallerIdentity</td></tr>
 *   <tr><td>GetFederationToken</td><td>none</td><td>GetCallerIdentity</td></tr>
 *   <tr><td>AssumeRole (a role session)</td><td>by policy</td><td>all but GetSessionToken, GetFederationToken</td></tr>
 * </table>
 *
 * <p>The refusals, each as AWS answers it:
 * <ul>
 *   <li>GetSessionToken or GetFederationToken with any temporary credentials: AccessDenied
 *       "Cannot call GetSessionToken with session credentials" (resp. GetFederationToken), AWS's own words.</li>
 *   <li>An IAM action with GetSessionToken credentials obtained without MFA, or with GetFederationToken
 *       credentials: InvalidClientTokenId (403) "The security token included in the request is invalid.", which is
 *       what IAM answers such credentials (IAM does not accept them at all, so it does not get as far as a policy).</li>
 *   <li>Any other STS action the table leaves out: AccessDenied "User: ARN is not authorized to perform: sts:ACTION
 *       because credentials from GetSessionToken may call only AssumeRole and GetCallerIdentity" (resp. "credentials
 *       from GetFederationToken may call only GetCallerIdentity"): AWS's usual AccessDenied wording, with the reason
 *       spelled out since no policy is involved.</li>
 * </ul>
 * Services other than STS and IAM are not restricted by the table (AWS lets these credentials call them by policy).
 */
public final class CredentialTypeRules {
    /** SigV4 signing names of the two services the table speaks of. */
    public static final String STS = "sts";
    public static final String IAM = "iam";
    static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private static final Set<String> SESSION_ONLY_ACTIONS = Set.of("GetSessionToken", "GetFederationToken");
    private static final Set<String> SESSION_TOKEN_STS_ACTIONS = Set.of("AssumeRole", "GetCallerIdentity");
    private static final Set<String> FEDERATION_TOKEN_STS_ACTIONS = Set.of("GetCallerIdentity");
    private static final CredentialTypeRules AWS = new CredentialTypeRules();

    /** The kinds of credential the table distinguishes. */
    public enum CredentialType {
        /** An IAM user's or an account root's access key. */
        LONG_TERM,
        /** GetSessionToken without SerialNumber and TokenCode. */
        SESSION_TOKEN,
        /** GetSessionToken with a verified MFA code. */
        MFA_SESSION_TOKEN,
        /** GetFederationToken: a federated user. */
        FEDERATION_TOKEN,
        /** AssumeRole (and later AssumeRoleWithSAML / WithWebIdentity): a role session. */
        ROLE_SESSION;

        /**
         * The caller's kind, read from the principal its session acts as, so that nothing a session adds to its
         * claims can move it into a wider kind: a session acting as an IAM user or root is a GetSessionToken
         * session (MFA exactly when it carries an MFA authentication), as a federated user a GetFederationToken
         * one, as an assumed role a role session.
         */
        public static CredentialType of(AuthenticatedCaller caller) {
            Objects.requireNonNull(caller, "caller");
            if (caller.session().isEmpty()) {
                return LONG_TERM;
            }
            SessionClaims session = caller.session().get();
            PrincipalType type = caller.identity().type();
            return switch (type) {
                case ASSUMED_ROLE -> ROLE_SESSION;
                case FEDERATED_USER -> FEDERATION_TOKEN;
                case IAM_USER, ROOT -> session.mfaAuthenticated() ? MFA_SESSION_TOKEN : SESSION_TOKEN;
            };
        }
    }

    private CredentialTypeRules() {
    }

    /** The table as AWS applies it. */
    public static CredentialTypeRules aws() {
        return AWS;
    }

    /**
     * Refuses a call the caller's kind of credential may never make, whatever its policies say.
     *
     * @param service the SigV4 signing name of the API called ({@code sts}, {@code iam})
     * @param action  the action, as the request names it and the API knows it (e.g. {@code CreateUser})
     * @throws StsException AccessDenied or InvalidClientTokenId, worded as in the class comment
     */
    public void require(String service, String action, AuthenticatedCaller caller) {
        CredentialType type = CredentialType.of(caller);
        if (permits(type, service, action)) {
            return;
        }
        if (IAM.equals(service)) {
            throw new StsException(StsErrorCode.INVALID_CLIENT_TOKEN_ID, INVALID_TOKEN);
        }
        if (SESSION_ONLY_ACTIONS.contains(action)) {
            throw new StsException(StsErrorCode.ACCESS_DENIED, "Cannot call " + action + " with session credentials");
        }
        String reason = type == CredentialType.FEDERATION_TOKEN
                ? "credentials from GetFederationToken may call only GetCallerIdentity"
                : "credentials from GetSessionToken may call only AssumeRole and GetCallerIdentity";
        throw new StsException(StsErrorCode.ACCESS_DENIED, "User: " + caller.identity().arn()
                + " is not authorized to perform: sts:" + action + " because " + reason);
    }

    /** Whether credentials of {@code type} may call {@code action} of {@code service} (policies aside). */
    public boolean permits(CredentialType type, String service, String action) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        if (IAM.equals(service)) {
            return type != CredentialType.SESSION_TOKEN && type != CredentialType.FEDERATION_TOKEN;
        }
        if (!STS.equals(service)) {
            return true;
        }
        return switch (type) {
            case LONG_TERM -> true;
            case SESSION_TOKEN, MFA_SESSION_TOKEN -> SESSION_TOKEN_STS_ACTIONS.contains(action);
            case FEDERATION_TOKEN -> FEDERATION_TOKEN_STS_ACTIONS.contains(action);
            case ROLE_SESSION -> !SESSION_ONLY_ACTIONS.contains(action);
        };
    }
}

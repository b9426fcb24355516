package dev.sts.core.auth;

import dev.sts.core.auth.CredentialTypeRules.CredentialType;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table of what each kind of credential may call, as the IAM User Guide and the STS API reference give it. */
class CredentialTypeRulesTest {
    private static final String DEV = "111111111111";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final CallerIdentity ALICE = CallerIdentity.user(DEV, "/", "alice", "AIDAALICE000000000001");
    private static final CallerIdentity FEDERATED = new CallerIdentity(DEV, "arn:aws:sts::" + DEV + ":federated-user/bob",
            DEV + ":bob", PrincipalType.FEDERATED_USER, "bob");
    private static final CallerIdentity ROLE_SESSION = new CallerIdentity(DEV,
            "arn:aws:sts::" + DEV + ":assumed-role/Admin/s1", "AROAADMIN00000000001:s1", PrincipalType.ASSUMED_ROLE, "s1");
    private static final List<String> STS_ACTIONS = List.of("AssumeRole", "GetCallerIdentity", "GetSessionToken",
            "GetFederationToken", "GetAccessKeyInfo", "DecodeAuthorizationMessage");
    private static final List<String> IAM_ACTIONS = List.of("CreateUser", "CreateAccessKey", "ListRoles", "PutUserPolicy");

    private final CredentialTypeRules rules = CredentialTypeRules.aws();

    private final AuthenticatedCaller longTerm = new AuthenticatedCaller(ALICE, "AKIAALICE00000000001", Optional.empty());
    private final AuthenticatedCaller sessionToken = session(ALICE, false, Optional.empty());
    private final AuthenticatedCaller mfaSessionToken = session(ALICE, true, Optional.empty());
    private final AuthenticatedCaller rootSessionToken = session(CallerIdentity.root(DEV), false, Optional.empty());
    private final AuthenticatedCaller federationToken = session(FEDERATED, false, Optional.of(new SessionContext(
            SessionContext.Kind.FEDERATED_USER, "arn:aws:iam::" + DEV + ":user/alice", ALICE.userId(), "bob",
            Optional.empty(), List.of(), Set.of(), Optional.empty(), List.of(), false)));
    private final AuthenticatedCaller roleSession = session(ROLE_SESSION, false, Optional.of(
            SessionContext.assumedRole("arn:aws:iam::" + DEV + ":role/Admin", "AROAADMIN00000000001", "s1")));

    @Test
    void eachCallerIsClassifiedByThePrincipalItsSessionActsAs() {
        assertThat(CredentialType.of(longTerm)).isEqualTo(CredentialType.LONG_TERM);
        assertThat(CredentialType.of(sessionToken)).isEqualTo(CredentialType.SESSION_TOKEN);
        assertThat(CredentialType.of(rootSessionToken)).isEqualTo(CredentialType.SESSION_TOKEN);
        assertThat(CredentialType.of(mfaSessionToken)).isEqualTo(CredentialType.MFA_SESSION_TOKEN);
        assertThat(CredentialType.of(federationToken)).isEqualTo(CredentialType.FEDERATION_TOKEN);
        assertThat(CredentialType.of(roleSession)).isEqualTo(CredentialType.ROLE_SESSION);
    }

    @Test
    void theStsTableAsAwsDocumentsIt() {
        assertThat(allowedSts(CredentialType.LONG_TERM)).containsExactlyElementsOf(STS_ACTIONS);
        assertThat(allowedSts(CredentialType.SESSION_TOKEN)).containsExactly("AssumeRole", "GetCallerIdentity");
        assertThat(allowedSts(CredentialType.MFA_SESSION_TOKEN)).containsExactly("AssumeRole", "GetCallerIdentity");
        assertThat(allowedSts(CredentialType.FEDERATION_TOKEN)).containsExactly("GetCallerIdentity");
        assertThat(allowedSts(CredentialType.ROLE_SESSION)).containsExactly("AssumeRole", "GetCallerIdentity",
                "GetAccessKeyInfo", "DecodeAuthorizationMessage");
    }

    @ParameterizedTest
    @EnumSource(CredentialType.class)
    void theIamTableAsAwsDocumentsIt(CredentialType type) {
        boolean mayCallIam = type != CredentialType.SESSION_TOKEN && type != CredentialType.FEDERATION_TOKEN;
        for (String action : IAM_ACTIONS) {
            assertThat(rules.permits(type, CredentialTypeRules.IAM, action)).as(type + " iam:" + action).isEqualTo(mayCallIam);
        }
    }

    @ParameterizedTest
    @EnumSource(CredentialType.class)
    void otherServicesAreLeftToPolicies(CredentialType type) {
        assertThat(rules.permits(type, "s3", "GetObject")).isTrue();
    }

    @Test
    void iamRefusesSessionTokensWithoutMfaAndFederationTokensAsAnInvalidToken() {
        for (AuthenticatedCaller caller : List.of(sessionToken, rootSessionToken, federationToken)) {
            assertRefused(() -> rules.require("iam", "CreateUser", caller), StsErrorCode.INVALID_CLIENT_TOKEN_ID,
                    "The security token included in the request is invalid.");
        }
        // Positive controls: the same user's long-term key, its MFA session, a role session.
        for (AuthenticatedCaller caller : List.of(longTerm, mfaSessionToken, roleSession)) {
            assertThatCode(() -> rules.require("iam", "CreateUser", caller)).doesNotThrowAnyException();
        }
    }

    @Test
    void sessionCredentialsCannotCallGetSessionTokenOrGetFederationToken() {
        for (AuthenticatedCaller caller : List.of(sessionToken, mfaSessionToken, federationToken, roleSession)) {
            assertRefused(() -> rules.require("sts", "GetSessionToken", caller), StsErrorCode.ACCESS_DENIED,
                    "Cannot call GetSessionToken with session credentials");
            assertRefused(() -> rules.require("sts", "GetFederationToken", caller), StsErrorCode.ACCESS_DENIED,
                    "Cannot call GetFederationToken with session credentials");
        }
        assertThatCode(() -> rules.require("sts", "GetSessionToken", longTerm)).doesNotThrowAnyException();
        assertThatCode(() -> rules.require("sts", "GetFederationToken", longTerm)).doesNotThrowAnyException();
    }

    @Test
    void otherStsActionsAreRefusedWithTheReasonSpelledOut() {
        assertRefused(() -> rules.require("sts", "DecodeAuthorizationMessage", sessionToken), StsErrorCode.ACCESS_DENIED,
                "User: arn:aws:iam::" + DEV + ":user/alice is not authorized to perform: sts:DecodeAuthorizationMessage "
                        + "because credentials from GetSessionToken may call only AssumeRole and GetCallerIdentity");
        assertRefused(() -> rules.require("sts", "AssumeRole", federationToken), StsErrorCode.ACCESS_DENIED,
                "User: arn:aws:sts::" + DEV + ":federated-user/bob is not authorized to perform: sts:AssumeRole "
                        + "because credentials from GetFederationToken may call only GetCallerIdentity");
        assertThatCode(() -> rules.require("sts", "GetCallerIdentity", federationToken)).doesNotThrowAnyException();
        assertThatCode(() -> rules.require("sts", "AssumeRole", sessionToken)).doesNotThrowAnyException();
        assertThatCode(() -> rules.require("sts", "DecodeAuthorizationMessage", roleSession)).doesNotThrowAnyException();
    }

    private List<String> allowedSts(CredentialType type) {
        return STS_ACTIONS.stream().filter(action -> rules.permits(type, CredentialTypeRules.STS, action)).toList();
    }

    private static AuthenticatedCaller session(CallerIdentity identity, boolean mfa, Optional<SessionContext> context) {
        SessionClaims claims = new SessionClaims("ASIAALICE00000000001", "secret", identity, NOW, NOW.plusSeconds(3600),
                mfa, "us-east-1", "AKIAALICE00000000001", context);
        return new AuthenticatedCaller(identity, claims.accessKeyId(), Optional.of(claims));
    }

    private static void assertRefused(Runnable call, StsErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}

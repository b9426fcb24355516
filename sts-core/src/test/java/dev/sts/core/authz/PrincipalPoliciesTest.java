package dev.sts.core.authz;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.Tag;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions are bound to the unique id of the user or role they were issued for, not to its name. */
class PrincipalPoliciesTest {
    private static final String ACCOUNT = "111111111111";
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final String ALLOW_ALL =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private final IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
    private final PrincipalPolicies policies = new PrincipalPolicies(iam, new PolicyDocumentCache(1 << 20));

    @Test
    void aRoleSessionIsRefusedOnceItsRoleIsDeletedAndRecreatedAndANewSessionWorks() {
        IamRole first = role("AROAFIRST000000000001");
        iam.createRole(first);
        AuthenticatedCaller oldSession = roleSession(first);
        assertThat(policies.ofCaller(oldSession)).get().extracting(set -> set.identityPolicies().size()).isEqualTo(1);
        assertThat(policies.tagsOf(oldSession)).containsExactly(new Tag("team", "a"));

        iam.deleteRole(ACCOUNT, "Deploy");
        assertRefused(() -> policies.ofCaller(oldSession));
        IamRole second = role("AROASECOND00000000002");
        iam.createRole(second);
        assertRefused(() -> policies.ofCaller(oldSession));
        assertRefused(() -> policies.tagsOf(oldSession));
        assertThat(policies.ofCaller(roleSession(second))).as("positive control: a session of the new role").isPresent();
        assertThat(policies.tagsOf(roleSession(second))).containsExactly(new Tag("team", "a"));
    }

    @Test
    void aGetSessionTokenSessionIsRefusedOnceItsUserIsRecreatedWhileLongTermCallersAreNot() {
        iam.createUser(user("AIDAFIRST000000000001"));
        AuthenticatedCaller oldSession = userSession(user("AIDAFIRST000000000001"));
        assertThat(policies.ofCaller(oldSession)).isPresent();

        iam.deleteUser(ACCOUNT, "alice");
        iam.createUser(user("AIDASECOND00000000002"));
        assertRefused(() -> policies.ofCaller(oldSession));
        assertRefused(() -> policies.tagsOf(oldSession));
        assertThat(policies.ofCaller(userSession(user("AIDASECOND00000000002")))).as("positive control").isPresent();
        // A long-term key of the old user (a directory that has not caught up): no permissions, not an error.
        AuthenticatedCaller staleKey = new AuthenticatedCaller(user("AIDAFIRST000000000001").asCaller(),
                "AKIAOLD0000000000001", Optional.empty());
        assertThat(policies.ofCaller(staleKey)).isEmpty();
    }

    @Test
    void aFederatedSessionIsRefusedOnceItsIssuingUserIsRecreated() {
        iam.createUser(user("AIDAFIRST000000000001"));
        AuthenticatedCaller federated = federatedSession("AIDAFIRST000000000001");
        assertThat(policies.ofCaller(federated)).isPresent();
        iam.deleteUser(ACCOUNT, "alice");
        iam.createUser(user("AIDASECOND00000000002"));
        assertRefused(() -> policies.ofCaller(federated));
        assertThat(policies.ofCaller(federatedSession("AIDASECOND00000000002"))).as("positive control").isPresent();
    }

    private static void assertRefused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(StsException.class)
                .hasMessageContaining("no longer exists")
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.ACCESS_DENIED);
    }

    private static IamRole role(String roleId) {
        return new IamRole(ACCOUNT, "Deploy", "/", roleId, NOW, "{}", null, 3600, List.of(new Tag("team", "a")),
                Map.of("all", ALLOW_ALL), List.of(), null);
    }

    private static IamUser user(String userId) {
        return new IamUser(ACCOUNT, "alice", "/", userId, NOW).withInlinePolicies(Map.of("all", ALLOW_ALL));
    }

    private static AuthenticatedCaller roleSession(IamRole role) {
        CallerIdentity identity = new CallerIdentity(ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":assumed-role/Deploy/s",
                role.roleId() + ":s", PrincipalType.ASSUMED_ROLE, "s");
        return session(identity, Optional.of(SessionContext.assumedRole(role.arn(), role.roleId(), "s")));
    }

    private static AuthenticatedCaller userSession(IamUser user) {
        return session(user.asCaller(), Optional.empty());
    }

    private static AuthenticatedCaller federatedSession(String issuerId) {
        CallerIdentity identity = new CallerIdentity(ACCOUNT, "arn:aws:sts::" + ACCOUNT + ":federated-user/fed",
                ACCOUNT + ":fed", PrincipalType.FEDERATED_USER, "fed");
        return session(identity, Optional.of(new SessionContext(SessionContext.Kind.FEDERATED_USER,
                "arn:aws:iam::" + ACCOUNT + ":user/alice", issuerId, "fed", Optional.empty(), List.of(), Set.of(),
                Optional.of(ALLOW_ALL), List.of(), false)));
    }

    private static AuthenticatedCaller session(CallerIdentity identity, Optional<SessionContext> context) {
        SessionClaims claims = new SessionClaims("ASIAEXAMPLE000000001", "secret", identity, NOW, NOW.plusSeconds(3600),
                Optional.empty(), "us-east-1", "AKIAEXAMPLE000000001", context);
        return new AuthenticatedCaller(identity, claims.accessKeyId(), Optional.of(claims));
    }
}

package dev.sts.core.iam;

import dev.sts.core.identity.PrincipalType;
import dev.sts.core.store.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapSeederTest {
    private static final BootstrapSpec.KeySpec ROOT_KEY = new BootstrapSpec.KeySpec("AKIAROOT000000000001", "rootsecret0000000000");
    private static final BootstrapSpec.KeySpec USER_KEY = new BootstrapSpec.KeySpec("AKIAUSER000000000001", "usersecret0000000000");

    private final IamRepository store = new IamRepository(new InMemoryKeyValueStore());
    private final BootstrapSeeder seeder = new BootstrapSeeder(store, (json, kind) -> {
        if (!json.trim().startsWith("{")) {
            throw new dev.sts.core.error.StsException(dev.sts.core.error.StsErrorCode.MALFORMED_POLICY_DOCUMENT, "not JSON");
        }
    }, Clock.systemUTC());

    @Test
    void seedsAccountsUsersAndKeysAndResolvesTheirOwners() {
        List<IamChange> changes = seeder.seed(spec(List.of(ROOT_KEY), List.of(USER_KEY)));
        assertThat(changes).extracting(IamChange::kind).containsExactly(IamChange.Kind.ACCOUNT,
                IamChange.Kind.ACCESS_KEY, IamChange.Kind.USER, IamChange.Kind.ACCESS_KEY);
        LongTermCredential root = AccessKeyResolution.resolve(store, ROOT_KEY.accessKeyId()).orElseThrow();
        assertThat(root.owner().type()).isEqualTo(PrincipalType.ROOT);
        assertThat(root.owner().arn()).isEqualTo("arn:aws:iam::111111111111:root");
        LongTermCredential user = AccessKeyResolution.resolve(store, USER_KEY.accessKeyId()).orElseThrow();
        assertThat(user.owner().arn()).isEqualTo("arn:aws:iam::111111111111:user/admin");
        assertThat(user.owner().userId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(user.active()).isTrue();
        assertThat(user.secretAccessKey()).isEqualTo(USER_KEY.secretAccessKey());
    }

    @Test
    void seedingTwiceChangesNothingAndKeepsIds() {
        seeder.seed(spec(List.of(ROOT_KEY), List.of(USER_KEY)));
        String userId = store.findUser("111111111111", "admin").orElseThrow().userId();
        assertThat(seeder.seed(spec(List.of(ROOT_KEY), List.of(USER_KEY)))).isEmpty();
        assertThat(store.findUser("111111111111", "admin").orElseThrow().userId()).isEqualTo(userId);
    }

    @Test
    void invalidSpecsAreRefusedBeforeAnythingIsWritten() {
        BootstrapSpec badKey = spec(List.of(), List.of(new BootstrapSpec.KeySpec("ASIAUSER000000000001", "usersecret0000000000")));
        assertThatThrownBy(() -> seeder.seed(badKey)).hasMessageContaining("AKIA");
        BootstrapSpec duplicateKey = spec(List.of(USER_KEY), List.of(USER_KEY));
        assertThatThrownBy(() -> seeder.seed(duplicateKey)).hasMessageContaining("twice");
        BootstrapSpec badAccount = new BootstrapSpec(List.of(new BootstrapSpec.AccountSpec("1234", null, null, null, null, null)));
        assertThatThrownBy(() -> seeder.seed(badAccount)).hasMessageContaining("12 digits");
        BootstrapSpec badName = new BootstrapSpec(List.of(new BootstrapSpec.AccountSpec("111111111111", null, null, null,
                List.of(new BootstrapSpec.UserSpec("bad name", null, null, null, null)), null)));
        assertThatThrownBy(() -> seeder.seed(badName)).hasMessageContaining("regular expression");
        BootstrapSpec unknownPolicy = new BootstrapSpec(List.of(new BootstrapSpec.AccountSpec("111111111111", null, null, null,
                List.of(new BootstrapSpec.UserSpec("ann", null, null, List.of("arn:aws:iam::aws:policy/NoSuchPolicy"), null)), null)));
        assertThatThrownBy(() -> seeder.seed(unknownPolicy)).hasMessageContaining("does not exist");
        assertThat(store.findAccount("111111111111")).isEmpty();
    }

    @Test
    void seedsRolesAndPoliciesWithTheirAttachments() {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var trust = mapper.createObjectNode().put("Version", "2012-10-17");
        var policy = new BootstrapSpec.PolicySpec("Deployers", null, "deploy", mapper.createObjectNode().put("Version", "2012-10-17"));
        var role = new BootstrapSpec.RoleSpec("Deploy", "/ci/", null, 7200, trust,
                List.of("arn:aws:iam::111111111111:policy/Deployers", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
                Map.of("inline", mapper.createObjectNode().put("Version", "2012-10-17")), null);
        seeder.seed(new BootstrapSpec(List.of(new BootstrapSpec.AccountSpec("111111111111", null, null, List.of(policy),
                null, List.of(role)))));
        IamRole seeded = store.findRole("111111111111", "deploy").orElseThrow();
        assertThat(seeded.arn()).isEqualTo("arn:aws:iam::111111111111:role/ci/Deploy");
        assertThat(seeded.roleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(seeded.maxSessionDuration()).isEqualTo(7200);
        assertThat(seeded.inlinePolicies()).containsKey("inline");
        assertThat(store.findPolicy("arn:aws:iam::111111111111:policy/Deployers")).isPresent();
        assertThat(store.attachmentsOf("arn:aws:iam::aws:policy/ReadOnlyAccess")).containsExactly("role/111111111111/Deploy");
    }

    @Test
    void keyOfADeletedOwnerDoesNotResolve() {
        store.createAccessKey(new AccessKey("AKIAORPHAN0000000001", "s", AccessKey.Status.Active, "111111111111",
                "ghost", java.time.Instant.now()));
        assertThat(AccessKeyResolution.resolve(store, "AKIAORPHAN0000000001")).isEmpty();
    }

    private static BootstrapSpec spec(List<BootstrapSpec.KeySpec> rootKeys, List<BootstrapSpec.KeySpec> userKeys) {
        return new BootstrapSpec(List.of(new BootstrapSpec.AccountSpec("111111111111", "dev", rootKeys, null,
                List.of(new BootstrapSpec.UserSpec("admin", null, userKeys, null, null)), null)));
    }
}

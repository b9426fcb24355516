package dev.sts.core.iam;

import dev.sts.core.identity.PrincipalType;
import dev.sts.core.port.IamStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapSeederTest {
    private static final BootstrapSpec.KeySpec ROOT_KEY = new BootstrapSpec.KeySpec("AKIAROOT000000000001", "rootsecret0000000000");
    private static final BootstrapSpec.KeySpec USER_KEY = new BootstrapSpec.KeySpec("AKIAUSER000000000001", "usersecret0000000000");

    private final MapStore store = new MapStore();
    private final BootstrapSeeder seeder = new BootstrapSeeder(store, Clock.systemUTC());

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
        BootstrapSpec badAccount = new BootstrapSpec(List.of(new BootstrapSpec.AccountSpec("1234", null, null, null)));
        assertThatThrownBy(() -> seeder.seed(badAccount)).hasMessageContaining("12 digits");
        BootstrapSpec badName = new BootstrapSpec(List.of(new BootstrapSpec.AccountSpec("111111111111", null, null,
                List.of(new BootstrapSpec.UserSpec("bad name", null, null)))));
        assertThatThrownBy(() -> seeder.seed(badName)).hasMessageContaining("invalid user name");
        assertThat(store.accounts).isEmpty();
    }

    @Test
    void keyOfADeletedOwnerDoesNotResolve() {
        store.createAccessKey(new AccessKey("AKIAORPHAN0000000001", "s", AccessKey.Status.Active, "111111111111",
                "ghost", java.time.Instant.now()));
        assertThat(AccessKeyResolution.resolve(store, "AKIAORPHAN0000000001")).isEmpty();
    }

    private static BootstrapSpec spec(List<BootstrapSpec.KeySpec> rootKeys, List<BootstrapSpec.KeySpec> userKeys) {
        return new BootstrapSpec(List.of(new BootstrapSpec.AccountSpec("111111111111", "dev", rootKeys,
                List.of(new BootstrapSpec.UserSpec("admin", null, userKeys)))));
    }

    /** A map-backed store: enough for the seeder's rules; the real stores are tested against Redis. */
    static final class MapStore implements IamStore {
        final Map<String, Account> accounts = new ConcurrentHashMap<>();
        final Map<String, IamUser> users = new ConcurrentHashMap<>();
        final Map<String, AccessKey> keys = new ConcurrentHashMap<>();

        public boolean createAccount(Account a) { return accounts.putIfAbsent(a.accountId(), a) == null; }
        public Optional<Account> findAccount(String id) { return Optional.ofNullable(accounts.get(id)); }
        public boolean createUser(IamUser u) { return users.putIfAbsent(u.account() + u.userName(), u) == null; }
        public Optional<IamUser> findUser(String a, String n) { return Optional.ofNullable(users.get(a + n)); }
        public boolean createAccessKey(AccessKey k) { return keys.putIfAbsent(k.accessKeyId(), k) == null; }
        public Optional<AccessKey> findAccessKey(String id) { return Optional.ofNullable(keys.get(id)); }
    }
}

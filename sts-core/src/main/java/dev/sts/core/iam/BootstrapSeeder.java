package dev.sts.core.iam;

import dev.sts.core.id.AccessKeyKind;
import dev.sts.core.id.Identifiers;
import dev.sts.core.port.IamStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies a {@link BootstrapSpec} to an {@link IamStore}. Idempotent: what exists is left as it is
 * (a user keeps its id, a key its status), only what is missing is created, so restarts and several
 * instances seeding at once converge on the same state.
 */
public final class BootstrapSeeder {
    static final Pattern USER_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7e]{0,510}/");

    private final IamStore store;
    private final Clock clock;

    public BootstrapSeeder(IamStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Checks the whole spec before writing anything, then seeds it.
     *
     * @return the changes made, to be published; empty when everything already existed
     * @throws IllegalArgumentException when the spec is invalid (the message names the offending entry)
     */
    public List<IamChange> seed(BootstrapSpec spec) {
        validate(spec);
        List<IamChange> changes = new ArrayList<>();
        for (BootstrapSpec.AccountSpec account : spec.accounts()) {
            if (store.createAccount(new Account(account.id(), account.alias()))) {
                changes.add(IamChange.of(IamChange.Kind.ACCOUNT, account.id(), account.id()));
            }
            for (BootstrapSpec.KeySpec key : account.rootAccessKeys()) {
                createKey(account.id(), null, key, changes);
            }
            for (BootstrapSpec.UserSpec user : account.users()) {
                IamUser candidate = new IamUser(account.id(), user.name(), user.path(), Identifiers.newUserId(), clock.instant());
                if (store.createUser(candidate)) {
                    changes.add(IamChange.of(IamChange.Kind.USER, account.id(), user.name()));
                }
                for (BootstrapSpec.KeySpec key : user.accessKeys()) {
                    createKey(account.id(), user.name(), key, changes);
                }
            }
        }
        return changes;
    }

    private void createKey(String account, String userName, BootstrapSpec.KeySpec key, List<IamChange> changes) {
        AccessKey accessKey = new AccessKey(key.accessKeyId(), key.secretAccessKey(), AccessKey.Status.Active, account,
                userName, clock.instant());
        if (store.createAccessKey(accessKey)) {
            changes.add(IamChange.of(IamChange.Kind.ACCESS_KEY, account, key.accessKeyId()));
        }
    }

    private static void validate(BootstrapSpec spec) {
        Set<String> accounts = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (BootstrapSpec.AccountSpec account : spec.accounts()) {
            require(Identifiers.isAccountId(account.id()), "account id '" + account.id() + "' is not 12 digits");
            require(accounts.add(account.id()), "account " + account.id() + " is declared twice");
            account.rootAccessKeys().forEach(key -> validateKey(key, "root of " + account.id(), keys));
            Set<String> users = new HashSet<>();
            for (BootstrapSpec.UserSpec user : account.users()) {
                String where = "user '" + user.name() + "' in " + account.id();
                require(user.name() != null && USER_NAME.matcher(user.name()).matches(), where + ": invalid user name");
                require(PATH.matcher(user.path()).matches(), where + ": a path starts and ends with '/'");
                require(users.add(user.name()), where + " is declared twice");
                user.accessKeys().forEach(key -> validateKey(key, where, keys));
            }
        }
    }

    private static void validateKey(BootstrapSpec.KeySpec key, String where, Set<String> seen) {
        require(AccessKeyKind.of(key.accessKeyId()) == AccessKeyKind.LONG_TERM,
                where + ": access key id must be AKIA followed by 16 upper-case letters or digits");
        require(key.secretAccessKey() != null && key.secretAccessKey().length() >= 16
                && key.secretAccessKey().length() <= 128, where + ": secret access key must be 16-128 characters");
        require(seen.add(key.accessKeyId()), where + ": access key " + key.accessKeyId() + " is declared twice");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("bootstrap file: " + message);
        }
    }
}

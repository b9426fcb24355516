package dev.sts.core.iam;

import dev.sts.core.port.KeyValueStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * IAM state without its secrets: a view of a store that refuses every key and index of access keys and MFA devices
 * ({@link #SECRET_PREFIXES}), for services that read IAM state but must never hold a secret access key or a TOTP
 * seed (token-service, which resolves keys and checks MFA codes through policy-service instead). A read of one of
 * them is a programming error and fails closed with {@link IllegalStateException}; the Redis ACL of such a service
 * refuses the same keys.
 */
public final class SecretlessKeyValueStore implements KeyValueStore {
    /**
     * The key prefixes {@link IamRepository} keeps access keys, their per-user indexes, MFA devices and their
     * per-account indexes under (IamRepositoryTest proves the list covers every such key it writes).
     */
    public static final List<String> SECRET_PREFIXES =
            List.of("iam:access-key:", "iam:access-keys:", "iam:mfa:", "iam:mfa-devices:");

    private final KeyValueStore store;

    public SecretlessKeyValueStore(KeyValueStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Whether {@code key} is one this view refuses. */
    public static boolean holdsSecrets(String key) {
        return SECRET_PREFIXES.stream().anyMatch(key::startsWith);
    }

    @Override
    public Optional<String> get(String key) {
        return store.get(allowed(key));
    }

    @Override
    public boolean create(String key, String value, String index, String member) {
        return store.create(allowed(key), value, allowed(index), member);
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        return store.replace(allowed(key), expected, value);
    }

    @Override
    public boolean delete(String key, String expected, String index, String member) {
        return store.delete(allowed(key), expected, allowed(index), member);
    }

    @Override
    public Set<String> members(String index) {
        return store.members(allowed(index));
    }

    @Override
    public void addMember(String index, String member) {
        store.addMember(allowed(index), member);
    }

    @Override
    public void removeMember(String index, String member) {
        store.removeMember(allowed(index), member);
    }

    private static String allowed(String key) {
        if (holdsSecrets(key)) {
            throw new IllegalStateException("this service does not read access keys or MFA devices: "
                    + key.substring(0, key.indexOf(':', 4) + 1) + "*");
        }
        return key;
    }
}

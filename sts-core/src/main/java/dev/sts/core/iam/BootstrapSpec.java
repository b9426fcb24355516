package dev.sts.core.iam;

import java.util.List;

/**
 * The declarative starting state of IAM: accounts, their users and their access keys.
 * Read from the bootstrap YAML file; applied by {@link BootstrapSeeder}.
 */
public record BootstrapSpec(List<AccountSpec> accounts) {
    public BootstrapSpec {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public record AccountSpec(String id, String alias, List<KeySpec> rootAccessKeys, List<UserSpec> users) {
        public AccountSpec {
            rootAccessKeys = rootAccessKeys == null ? List.of() : List.copyOf(rootAccessKeys);
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    public record UserSpec(String name, String path, List<KeySpec> accessKeys) {
        public UserSpec {
            path = path == null ? "/" : path;
            accessKeys = accessKeys == null ? List.of() : List.copyOf(accessKeys);
        }
    }

    public record KeySpec(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "KeySpec[accessKeyId=" + accessKeyId + "]";
        }
    }
}

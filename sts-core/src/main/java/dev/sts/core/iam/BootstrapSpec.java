package dev.sts.core.iam;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The declarative starting state of IAM: accounts with their managed policies, users (with access keys)
 * and roles. Read from the bootstrap YAML file; applied by {@link BootstrapSeeder}. Policy documents
 * may be written as YAML objects or as JSON strings.
 */
public record BootstrapSpec(List<AccountSpec> accounts) {
    public BootstrapSpec {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public record AccountSpec(String id, String alias, List<KeySpec> rootAccessKeys, List<PolicySpec> policies,
                              List<UserSpec> users, List<RoleSpec> roles) {
        public AccountSpec {
            rootAccessKeys = rootAccessKeys == null ? List.of() : List.copyOf(rootAccessKeys);
            policies = policies == null ? List.of() : List.copyOf(policies);
            users = users == null ? List.of() : List.copyOf(users);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    public record UserSpec(String name, String path, List<KeySpec> accessKeys, List<String> attachedPolicies,
                           Map<String, JsonNode> inlinePolicies) {
        public UserSpec {
            path = path == null ? "/" : path;
            accessKeys = accessKeys == null ? List.of() : List.copyOf(accessKeys);
            attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
            inlinePolicies = inlinePolicies == null ? Map.of() : Map.copyOf(inlinePolicies);
        }
    }

    public record RoleSpec(String name, String path, String description, Integer maxSessionDuration, JsonNode trustPolicy,
                           List<String> attachedPolicies, Map<String, JsonNode> inlinePolicies,
                           String permissionsBoundary) {
        public RoleSpec {
            path = path == null ? "/" : path;
            attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
            inlinePolicies = inlinePolicies == null ? Map.of() : Map.copyOf(inlinePolicies);
        }
    }

    public record PolicySpec(String name, String path, String description, JsonNode document) {
        public PolicySpec {
            path = path == null ? "/" : path;
        }
    }

    public record KeySpec(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "KeySpec[accessKeyId=" + accessKeyId + "]";
        }
    }

    /** A document given as a YAML/JSON object, or as a string holding JSON, as JSON text. */
    static String documentText(JsonNode document) {
        return document == null ? null : document.isTextual() ? document.asText() : document.toString();
    }
}

package dev.sts.core.iam;

import dev.sts.core.arn.Arn;
import dev.sts.core.error.StsException;
import dev.sts.core.id.AccessKeyKind;
import dev.sts.core.id.Identifiers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a {@link BootstrapSpec} to the IAM repository. Idempotent: what exists is left as it is
 * (a user keeps its id, a key its status, a role its policies), only what is missing is created, so
 * restarts and several instances seeding at once converge on the same state.
 */
public final class BootstrapSeeder {
    private final IamRepository iam;
    private final IamRules rules;
    private final Clock clock;

    /**
     * @param policyGrammar checks each policy document as IAM would (throws MalformedPolicyDocument);
     *                        the seeder refuses the whole file if any document is invalid
     */
    public BootstrapSeeder(IamRepository iam, PolicyGrammar policyGrammar, Clock clock) {
        this.iam = iam;
        this.rules = new IamRules(policyGrammar);
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
        Instant now = clock.instant();
        List<IamChange> changes = new ArrayList<>();
        for (BootstrapSpec.AccountSpec account : spec.accounts()) {
            if (iam.createAccount(new Account(account.id(), account.alias()))) {
                changes.add(IamChange.of(IamChange.Kind.ACCOUNT, account.id(), account.id()));
            }
            for (BootstrapSpec.PolicySpec policy : account.policies()) {
                String document = BootstrapSpec.documentText(policy.document());
                ManagedPolicy managed = new ManagedPolicy(account.id(), policy.name(), policy.path(),
                        Identifiers.newPolicyId(), now, now, policy.description(), "v1",
                        List.of(new ManagedPolicy.PolicyVersion("v1", document, now)));
                if (iam.createPolicy(managed)) {
                    changes.add(IamChange.of(IamChange.Kind.POLICY, account.id(), managed.arn()));
                }
            }
            for (BootstrapSpec.KeySpec key : account.rootAccessKeys()) {
                createKey(account.id(), null, key, changes, now);
            }
            for (BootstrapSpec.UserSpec user : account.users()) {
                IamUser candidate = new IamUser(account.id(), user.name(), user.path(), Identifiers.newUserId(), now,
                        List.of(), documents(user.inlinePolicies()), user.attachedPolicies(), null);
                if (iam.createUser(candidate)) {
                    user.attachedPolicies().forEach(arn -> iam.recordAttachment(arn, "user/" + account.id() + "/" + user.name()));
                    changes.add(IamChange.of(IamChange.Kind.USER, account.id(), user.name()));
                }
                for (BootstrapSpec.KeySpec key : user.accessKeys()) {
                    createKey(account.id(), user.name(), key, changes, now);
                }
            }
            for (BootstrapSpec.RoleSpec role : account.roles()) {
                IamRole candidate = new IamRole(account.id(), role.name(), role.path(), Identifiers.newRoleId(), now,
                        BootstrapSpec.documentText(role.trustPolicy()), role.description(),
                        role.maxSessionDuration() == null ? IamRole.DEFAULT_MAX_SESSION_DURATION : role.maxSessionDuration(),
                        List.of(), documents(role.inlinePolicies()), role.attachedPolicies(), role.permissionsBoundary());
                if (iam.createRole(candidate)) {
                    role.attachedPolicies().forEach(arn -> iam.recordAttachment(arn, "role/" + account.id() + "/" + role.name()));
                    changes.add(IamChange.of(IamChange.Kind.ROLE, account.id(), role.name()));
                }
            }
        }
        return changes;
    }

    private void createKey(String account, String userName, BootstrapSpec.KeySpec key, List<IamChange> changes, Instant now) {
        AccessKey accessKey = new AccessKey(key.accessKeyId(), key.secretAccessKey(), AccessKey.Status.Active, account,
                userName, now);
        if (iam.createAccessKey(accessKey)) {
            changes.add(IamChange.of(IamChange.Kind.ACCESS_KEY, account, key.accessKeyId()));
        }
    }

    private static Map<String, String> documents(Map<String, com.fasterxml.jackson.databind.JsonNode> policies) {
        Map<String, String> texts = new LinkedHashMap<>();
        policies.forEach((name, document) -> texts.put(name, BootstrapSpec.documentText(document)));
        return texts;
    }

    private void validate(BootstrapSpec spec) {
        Set<String> accounts = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (BootstrapSpec.AccountSpec account : spec.accounts()) {
            require(Identifiers.isAccountId(account.id()), "account id '" + account.id() + "' is not 12 digits");
            require(accounts.add(account.id()), "account " + account.id() + " is declared twice");
            account.rootAccessKeys().forEach(key -> validateKey(key, "root of " + account.id(), keys));
            Set<String> declaredPolicies = new HashSet<>();
            for (BootstrapSpec.PolicySpec policy : account.policies()) {
                String where = "policy '" + policy.name() + "' in " + account.id();
                check(where, () -> rules.name("PolicyName", policy.name()));
                check(where, () -> rules.path(policy.path()));
                check(where, () -> rules.managedPolicyDocument(BootstrapSpec.documentText(policy.document())));
                declaredPolicies.add(Arn.iam(account.id(), "policy" + policy.path() + policy.name()).toString());
            }
            Set<String> users = new HashSet<>();
            for (BootstrapSpec.UserSpec user : account.users()) {
                String where = "user '" + user.name() + "' in " + account.id();
                check(where, () -> rules.name("UserName", user.name()));
                check(where, () -> rules.path(user.path()));
                require(users.add(user.name().toLowerCase(java.util.Locale.ROOT)), where + " is declared twice");
                user.accessKeys().forEach(key -> validateKey(key, where, keys));
                user.inlinePolicies().values().forEach(doc ->
                        check(where, () -> rules.identityPolicyDocument(BootstrapSpec.documentText(doc))));
                user.attachedPolicies().forEach(arn -> requireKnownPolicy(arn, declaredPolicies, where));
            }
            Set<String> roles = new HashSet<>();
            for (BootstrapSpec.RoleSpec role : account.roles()) {
                String where = "role '" + role.name() + "' in " + account.id();
                check(where, () -> rules.name("RoleName", role.name()));
                check(where, () -> rules.path(role.path()));
                require(roles.add(role.name().toLowerCase(java.util.Locale.ROOT)), where + " is declared twice");
                require(role.trustPolicy() != null, where + ": trustPolicy is required");
                check(where, () -> rules.trustPolicyDocument(BootstrapSpec.documentText(role.trustPolicy())));
                if (role.maxSessionDuration() != null) {
                    check(where, () -> rules.maxSessionDuration(role.maxSessionDuration()));
                }
                role.inlinePolicies().values().forEach(doc ->
                        check(where, () -> rules.identityPolicyDocument(BootstrapSpec.documentText(doc))));
                role.attachedPolicies().forEach(arn -> requireKnownPolicy(arn, declaredPolicies, where));
                if (role.permissionsBoundary() != null) {
                    requireKnownPolicy(role.permissionsBoundary(), declaredPolicies, where);
                }
            }
        }
    }

    private void requireKnownPolicy(String arn, Set<String> declared, String where) {
        require(declared.contains(arn) || iam.findPolicy(arn).isPresent(), where + ": policy " + arn + " does not exist");
    }

    private static void validateKey(BootstrapSpec.KeySpec key, String where, Set<String> seen) {
        require(AccessKeyKind.of(key.accessKeyId()) == AccessKeyKind.LONG_TERM,
                where + ": access key id must be AKIA followed by 16 upper-case letters or digits");
        require(key.secretAccessKey() != null && key.secretAccessKey().length() >= 16
                && key.secretAccessKey().length() <= 128, where + ": secret access key must be 16-128 characters");
        require(key.secretAccessKey().indexOf(':') < 0, where + ": secret access key must not contain ':'");
        require(seen.add(key.accessKeyId()), where + ": access key " + key.accessKeyId() + " is declared twice");
    }

    private static void check(String where, Runnable rule) {
        try {
            rule.run();
        } catch (StsException e) {
            throw new IllegalArgumentException("bootstrap file: " + where + ": " + e.getMessage());
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("bootstrap file: " + message);
        }
    }
}

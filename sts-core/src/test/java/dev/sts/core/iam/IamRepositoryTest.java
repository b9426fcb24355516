package dev.sts.core.iam;

import dev.sts.core.store.CachingKeyValueStore;
import dev.sts.core.store.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads and updates through the repository, as token-service (cached store) and policy-service (owner) use it. */
class IamRepositoryTest {
    static final String DEV = "111111111111";
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    static final String POLICY_ARN = "arn:aws:iam::" + DEV + ":policy/Reader";

    final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    /** policy-service's repository: it owns the state and writes it. */
    final IamRepository owner = new IamRepository(store);
    /** token-service's view: the same state through a read-through cache, which hands back the same texts. */
    final CachingKeyValueStore cachedStore = new CachingKeyValueStore(store, java.time.Duration.ofMinutes(1), 1 << 20);
    final IamRepository view = new IamRepository(cachedStore);

    @Test
    void anUnchangedRecordIsDecodedOnceAndSharedByEveryRead() {
        seed();
        IamRole role = view.findRole(DEV, "deployer").orElseThrow();

        assertThat(role).isEqualTo(role()).isSameAs(view.findRole(DEV, "Deployer").orElseThrow());
        assertThat(view.listRoles(DEV)).singleElement().isSameAs(role);
        assertThat(view.findUser(DEV, "alice").orElseThrow()).isEqualTo(user())
                .isSameAs(view.findUser(DEV, "alice").orElseThrow());
        assertThat(view.findPolicy(POLICY_ARN).orElseThrow()).isEqualTo(policy())
                .isSameAs(view.findPolicy(POLICY_ARN).orElseThrow());
        assertThat(view.findAccount(DEV).orElseThrow()).isEqualTo(new Account(DEV, "dev"))
                .isSameAs(view.findAccount(DEV).orElseThrow());
    }

    @Test
    void anEqualTextReadAgainFromTheStoreIsStillDecodedOnce() {
        seed();
        // Without a cached store each read is a new String of the same text: it is the text that keys the entity.
        assertThat(owner.findRole(DEV, "deployer").orElseThrow()).isSameAs(owner.findRole(DEV, "deployer").orElseThrow());
    }

    @Test
    void aChangedRecordIsReadAsItsNewText() {
        seed();
        IamRole before = view.findRole(DEV, "deployer").orElseThrow();

        owner.updateRole(DEV, "deployer", role -> role.withTags(List.of(new Tag("team", "platform"))));
        cachedStore.invalidateAll(); // what token-service does when policy-service announces the change

        IamRole after = view.findRole(DEV, "deployer").orElseThrow();
        assertThat(after.tags()).containsExactly(new Tag("team", "platform"));
        assertThat(after).isEqualTo(before.withTags(List.of(new Tag("team", "platform"))));
        assertThat(owner.findRole(DEV, "deployer").orElseThrow()).isEqualTo(after);
    }

    @Test
    void changingARecordBackAnswersTheOriginalAgain() {
        seed();
        owner.updateRole(DEV, "deployer", role -> role.withTrustPolicy(TRUST.replace("111111111111:root", "222222222222:root")));
        assertThat(owner.findRole(DEV, "deployer").orElseThrow().assumeRolePolicyDocument()).contains("222222222222");

        owner.updateRole(DEV, "deployer", role -> role.withTrustPolicy(TRUST));
        assertThat(owner.findRole(DEV, "deployer").orElseThrow()).isEqualTo(role());
    }

    @Test
    void anUpdateDecodesTheStoredTextAfreshRatherThanSharingARead() {
        seed();
        IamRole read = owner.findRole(DEV, "deployer").orElseThrow();

        IamRole updated = owner.updateRole(DEV, "deployer", current -> {
            assertThat(current).isEqualTo(read).isNotSameAs(read);
            return current.withDescriptionAndMaxSession("changed", 7_200);
        });
        assertThat(updated.description()).isEqualTo("changed");
        assertThat(owner.findRole(DEV, "deployer").orElseThrow()).isEqualTo(updated);
    }

    @Test
    void sharedRecordsCannotBeChangedThroughTheirCollections() {
        seed();
        IamRole role = view.findRole(DEV, "deployer").orElseThrow();
        IamUser user = view.findUser(DEV, "alice").orElseThrow();
        ManagedPolicy policy = view.findPolicy(POLICY_ARN).orElseThrow();

        assertThatThrownBy(() -> role.tags().add(new Tag("k", "v"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> role.inlinePolicies().put("p", POLICY)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> role.attachedPolicyArns().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> user.tags().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> user.inlinePolicies().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> user.attachedPolicyArns().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> policy.versions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsHoldingSecretsAreDecodedOnEveryRead() {
        seed();
        AccessKey key = new AccessKey("AKIAALICE00000000001", "secret", AccessKey.Status.Active, DEV, "alice", CREATED);
        owner.createAccessKey(key);
        VirtualMfaDevice device = new VirtualMfaDevice(DEV, "arn:aws:iam::" + DEV + ":mfa/alice", "SEED", null, null, CREATED);
        owner.createMfaDevice(device);

        assertThat(view.findAccessKey(key.accessKeyId()).orElseThrow()).isEqualTo(key)
                .isNotSameAs(view.findAccessKey(key.accessKeyId()).orElseThrow());
        assertThat(view.findMfaDevice(device.serialNumber()).orElseThrow()).isEqualTo(device)
                .isNotSameAs(view.findMfaDevice(device.serialNumber()).orElseThrow());
    }

    @Test
    void aCorruptRecordFailsEveryReadUntilItIsRepaired() {
        seed();
        String key = "iam:role:" + DEV + ":deployer";
        String good = store.get(key).orElseThrow();
        store.replace(key, good, "{\"roleName\":");

        assertThatThrownBy(() -> owner.findRole(DEV, "deployer")).hasMessage("corrupt IAM record at " + key);
        assertThatThrownBy(() -> owner.findRole(DEV, "deployer")).hasMessage("corrupt IAM record at " + key);
        store.replace(key, "{\"roleName\":", good);
        assertThat(owner.findRole(DEV, "deployer").orElseThrow()).isEqualTo(role());
    }

    private void seed() {
        owner.createAccount(new Account(DEV, "dev"));
        owner.createPolicy(policy());
        owner.createUser(user());
        owner.createRole(role());
    }

    static IamRole role() {
        return new IamRole(DEV, "Deployer", "/", "AROADEPLOYER000000001", CREATED, TRUST, "deploys", 3_600,
                List.of(new Tag("team", "payments")), Map.of("inline", POLICY), List.of(POLICY_ARN), null);
    }

    static IamUser user() {
        return new IamUser(DEV, "alice", "/", "AIDAALICE000000000001", CREATED, List.of(new Tag("team", "payments")),
                Map.of("inline", POLICY), List.of(POLICY_ARN), POLICY_ARN);
    }

    static ManagedPolicy policy() {
        return new ManagedPolicy(DEV, "Reader", "/", "ANPAREADER0000000001", CREATED, CREATED, null, "v1",
                List.of(new ManagedPolicy.PolicyVersion("v1", POLICY, CREATED)));
    }
}

package dev.sts.core.iam;

import dev.sts.core.crypto.AesKeyRing;
import dev.sts.core.crypto.SecretSealer;
import dev.sts.core.mfa.Totp;
import dev.sts.core.store.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets at rest: sealed on write, opened on read with the key-encryption key, never usable without it. */
class IamRepositorySecretsTest {
    static final String DEV = "111111111111";
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String K1 = AesKeyRing.newKeySpec("k1");
    static final String K2 = AesKeyRing.newKeySpec("k2");
    static final String SERIAL = "arn:aws:iam::" + DEV + ":mfa/alice";

    final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    final IamRepository owner = new IamRepository(store, SecretSealer.parse(K1));
    final IamRepository viewWithoutKek = new IamRepository(store);
    final String seed = Totp.newBase32Seed();

    @Test
    void theSecretAndTheSeedAreSealedInTheStoreAndOpenOnlyWithTheKek() {
        seed(owner);

        assertThat(raw("iam:access-key:AKIAALICE00000000001")).contains("AKIAALICE00000000001").doesNotContain(SECRET)
                .contains("\"secretAccessKey\":\"v1:k1:");
        assertThat(raw("iam:mfa:" + SERIAL)).contains(SERIAL).doesNotContain(seed).contains("\"base32Seed\":\"v1:k1:");

        assertThat(owner.findAccessKey("AKIAALICE00000000001").orElseThrow().secretAccessKey()).isEqualTo(SECRET);
        assertThat(owner.listAccessKeys(DEV, "alice")).singleElement().extracting(AccessKey::secretAccessKey).isEqualTo(SECRET);
        assertThat(owner.findMfaDevice(SERIAL).orElseThrow().base32Seed()).isEqualTo(seed);
        assertThat(AccessKeyResolution.resolve(owner, "AKIAALICE00000000001")).get()
                .extracting(LongTermCredential::secretAccessKey).isEqualTo(SECRET);
    }

    @Test
    void aViewWithoutTheKekNeverOpensASealedFieldAndCannotUseIt() {
        seed(owner);

        AccessKey key = viewWithoutKek.findAccessKey("AKIAALICE00000000001").orElseThrow();
        assertThat(key.secretAccessKey()).startsWith("v1:k1:").isNotEqualTo(SECRET);
        assertThat(AccessKeyResolution.resolve(viewWithoutKek, "AKIAALICE00000000001")).isEmpty();
        assertThat(AccessKeyResolution.resolve(owner, "AKIAALICE00000000001")).isPresent(); // positive control

        VirtualMfaDevice device = viewWithoutKek.findMfaDevice(SERIAL).orElseThrow();
        String code = new Totp().codeAt(seed, NOW);
        assertThat(new Totp().matchingStep(device.base32Seed(), code, NOW, 1)).isEmpty();
        assertThat(new Totp().matchingStep(owner.findMfaDevice(SERIAL).orElseThrow().base32Seed(), code, NOW, 1))
                .isPresent(); // positive control
    }

    @Test
    void aSealedSecretCopiedIntoAnotherKeysRecordCannotAuthenticate() {
        seed(owner);
        owner.createAccessKey(new AccessKey("AKIAMALLORY000000001", "mallorysSecretKey0000000000000000000000", AccessKey.Status.Active,
                DEV, "alice", NOW));
        String alices = raw("iam:access-key:AKIAALICE00000000001");
        String mallorys = raw("iam:access-key:AKIAMALLORY000000001");
        String sealedAlice = field(alices, "secretAccessKey");
        store.replace("iam:access-key:AKIAMALLORY000000001", mallorys,
                mallorys.replace(field(mallorys, "secretAccessKey"), sealedAlice));

        assertThat(AccessKeyResolution.resolve(owner, "AKIAMALLORY000000001")).isEmpty();
        assertThat(AccessKeyResolution.resolve(owner, "AKIAALICE00000000001")).isPresent(); // positive control
    }

    @Test
    void aSecretSealedUnderAnUnknownKeyIdCannotAuthenticate() {
        seed(new IamRepository(store, SecretSealer.parse(K2)));

        assertThat(owner.findAccessKey("AKIAALICE00000000001").orElseThrow().secretAccessKey()).startsWith("v1:k2:");
        assertThat(AccessKeyResolution.resolve(owner, "AKIAALICE00000000001")).isEmpty();
        assertThat(owner.findMfaDevice(SERIAL).orElseThrow().base32Seed()).startsWith("v1:k2:");
        assertThat(AccessKeyResolution.resolve(new IamRepository(store, SecretSealer.parse(K1 + "," + K2)),
                "AKIAALICE00000000001")).isPresent(); // positive control
    }

    @Test
    void anUpdateKeepsTheSecretSealedAndOpenable() {
        seed(owner);

        owner.updateAccessKey("AKIAALICE00000000001", key -> new AccessKey(key.accessKeyId(), key.secretAccessKey(),
                AccessKey.Status.Inactive, key.account(), key.userName(), key.createDate()));
        owner.updateMfaDevice(SERIAL, device -> device.enabledFor("alice", NOW));

        assertThat(raw("iam:access-key:AKIAALICE00000000001")).doesNotContain(SECRET).contains("Inactive");
        assertThat(raw("iam:mfa:" + SERIAL)).doesNotContain(seed).contains("\"userName\":\"alice\"");
        assertThat(owner.findAccessKey("AKIAALICE00000000001").orElseThrow().secretAccessKey()).isEqualTo(SECRET);
        assertThat(owner.findMfaDevice(SERIAL).orElseThrow().base32Seed()).isEqualTo(seed);
    }

    @Test
    void legacyPlaintextRecordsStillWorkAndTheRewrapSealsThem() {
        seed(viewWithoutKek); // an older state: written before secrets were sealed
        assertThat(raw("iam:access-key:AKIAALICE00000000001")).contains(SECRET);
        assertThat(owner.findAccessKey("AKIAALICE00000000001").orElseThrow().secretAccessKey()).isEqualTo(SECRET);

        SecretRewrapReport report = owner.rewrapSecrets();

        assertThat(report).isEqualTo(new SecretRewrapReport("k1", 0, 3, 0, 0));
        assertThat(raw("iam:access-key:AKIAALICE00000000001")).doesNotContain(SECRET);
        assertThat(raw("iam:access-key:AKIAROOT000000000001")).doesNotContain("rootSecretKey");
        assertThat(raw("iam:mfa:" + SERIAL)).doesNotContain(seed);
        assertThat(owner.findAccessKey("AKIAALICE00000000001").orElseThrow().secretAccessKey()).isEqualTo(SECRET);
        assertThat(owner.findAccessKey("AKIAROOT000000000001").orElseThrow().secretAccessKey()).startsWith("rootSecretKey");
        assertThat(owner.rewrapSecrets()).isEqualTo(new SecretRewrapReport("k1", 0, 0, 3, 0));
    }

    @Test
    void rotationRewrapsUnderTheNewKeySoTheOldOneCanBeDropped() {
        seed(owner);
        IamRepository bothKeys = new IamRepository(store, SecretSealer.parse(K2 + "," + K1));
        IamRepository newKeyOnly = new IamRepository(store, SecretSealer.parse(K2));
        assertThat(AccessKeyResolution.resolve(newKeyOnly, "AKIAALICE00000000001")).isEmpty(); // before the rewrap

        assertThat(bothKeys.rewrapSecrets()).isEqualTo(new SecretRewrapReport("k2", 3, 0, 0, 0));

        assertThat(raw("iam:access-key:AKIAALICE00000000001")).contains("v1:k2:").doesNotContain("v1:k1:");
        assertThat(AccessKeyResolution.resolve(newKeyOnly, "AKIAALICE00000000001")).get()
                .extracting(LongTermCredential::secretAccessKey).isEqualTo(SECRET);
        assertThat(newKeyOnly.findMfaDevice(SERIAL).orElseThrow().base32Seed()).isEqualTo(seed);
        assertThat(AccessKeyResolution.resolve(owner, "AKIAALICE00000000001")).isEmpty(); // the old key alone no longer opens it
    }

    @Test
    void theRewrapCountsButLeavesAFieldItCannotOpen() {
        seed(new IamRepository(store, SecretSealer.parse(K2)));
        String before = raw("iam:access-key:AKIAALICE00000000001");

        assertThat(owner.rewrapSecrets()).isEqualTo(new SecretRewrapReport("k1", 0, 0, 0, 3));
        assertThat(raw("iam:access-key:AKIAALICE00000000001")).isEqualTo(before);
    }

    @Test
    void aRewrapRacingAnIamWriteKeepsTheWriteAndStillSealsTheRecord() {
        seed(owner);
        IamRepository bothKeys = new IamRepository(new InterferingStore(store, () ->
                owner.updateAccessKey("AKIAALICE00000000001", key -> new AccessKey(key.accessKeyId(), key.secretAccessKey(),
                        AccessKey.Status.Inactive, key.account(), key.userName(), key.createDate()))),
                SecretSealer.parse(K2 + "," + K1));

        SecretRewrapReport report = bothKeys.rewrapSecrets();

        assertThat(report.unreadable()).isZero();
        assertThat(report.rewrapped() + report.current()).isEqualTo(3);
        AccessKey key = new IamRepository(store, SecretSealer.parse(K2)).findAccessKey("AKIAALICE00000000001").orElseThrow();
        assertThat(key.status()).isEqualTo(AccessKey.Status.Inactive); // the concurrent write survived
        assertThat(key.secretAccessKey()).isEqualTo(SECRET);
        assertThat(raw("iam:access-key:AKIAALICE00000000001")).contains("v1:k2:").doesNotContain("v1:k1:");
    }

    /** A store whose first replace of Alice's key loses to a write made just before it: a concurrent IAM call. */
    private static final class InterferingStore implements dev.sts.core.port.KeyValueStore {
        private final dev.sts.core.port.KeyValueStore store;
        private Runnable interference;

        InterferingStore(dev.sts.core.port.KeyValueStore store, Runnable interference) {
            this.store = store;
            this.interference = interference;
        }

        @Override
        public java.util.Optional<String> get(String key) {
            return store.get(key);
        }

        @Override
        public boolean create(String key, String value, String index, String member) {
            return store.create(key, value, index, member);
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            if (interference != null && key.equals("iam:access-key:AKIAALICE00000000001")) {
                Runnable once = interference;
                interference = null;
                once.run();
            }
            return store.replace(key, expected, value);
        }

        @Override
        public boolean delete(String key, String expected, String index, String member) {
            return store.delete(key, expected, index, member);
        }

        @Override
        public java.util.Set<String> members(String index) {
            return store.members(index);
        }

        @Override
        public void addMember(String index, String member) {
            store.addMember(index, member);
        }

        @Override
        public void removeMember(String index, String member) {
            store.removeMember(index, member);
        }
    }

    private void seed(IamRepository iam) {
        iam.createAccount(new Account(DEV, "dev"));
        iam.createUser(new IamUser(DEV, "Alice", "/", "AIDAALICE000000000001", NOW));
        iam.createAccessKey(new AccessKey("AKIAALICE00000000001", SECRET, AccessKey.Status.Active, DEV, "Alice", NOW));
        iam.createAccessKey(new AccessKey("AKIAROOT000000000001", "rootSecretKey000000000000000000000000000",
                AccessKey.Status.Active, DEV, null, NOW));
        iam.createMfaDevice(new VirtualMfaDevice(DEV, SERIAL, seed, null, null, NOW));
    }

    private String raw(String key) {
        return store.get(key).orElseThrow();
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }
}

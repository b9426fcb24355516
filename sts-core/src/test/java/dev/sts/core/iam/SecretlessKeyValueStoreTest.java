package dev.sts.core.iam;

import dev.sts.core.port.KeyValueStore;
import dev.sts.core.store.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretlessKeyValueStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final AccessKey KEY = new AccessKey("AKIAALICE00000000001", "aliceSecret/0000000000000000000000000001",
            AccessKey.Status.Active, "111111111111", "alice", NOW);
    private static final VirtualMfaDevice DEVICE = new VirtualMfaDevice("111111111111",
            "arn:aws:iam::111111111111:mfa/alice", "JBSWY3DPEHPK3PXP", "alice", NOW, NOW);

    private final InMemoryKeyValueStore backing = new InMemoryKeyValueStore();
    private final IamRepository writer = new IamRepository(backing);
    private final IamRepository view = new IamRepository(new SecretlessKeyValueStore(backing));

    SecretlessKeyValueStoreTest() {
        writer.createAccount(new Account("111111111111", "alice-corp"));
        writer.createAccessKey(KEY);
        writer.createMfaDevice(DEVICE);
    }

    @Test
    void theViewReadsOtherIamStateButRefusesAccessKeysAndMfaDevices() {
        assertThat(view.findAccount("111111111111")).as("control: other state reads through").isPresent();
        assertThat(writer.findAccessKey(KEY.accessKeyId())).as("control: the key is there").isPresent();
        assertThat(writer.findMfaDevice(DEVICE.serialNumber())).as("control: the device is there").isPresent();
        assertThatThrownBy(() -> view.findAccessKey(KEY.accessKeyId())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> view.listAccessKeys("111111111111", "alice")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> view.findMfaDevice(DEVICE.serialNumber())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> view.listMfaDevices("111111111111")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AccessKeyResolution.resolve(view, KEY.accessKeyId()))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(KEY.secretAccessKey());
    }

    @Test
    void thePrefixesCoverEveryKeyTheRepositoryWritesForAccessKeysAndMfaDevices() {
        List<String> written = new ArrayList<>();
        InMemoryKeyValueStore memory = new InMemoryKeyValueStore();
        IamRepository recorded = new IamRepository(new KeyValueStore() {
            @Override
            public Optional<String> get(String key) {
                return memory.get(key);
            }

            @Override
            public boolean create(String key, String value, String index, String member) {
                written.add(key);
                written.add(index);
                return memory.create(key, value, index, member);
            }

            @Override
            public boolean replace(String key, String expected, String value) {
                return memory.replace(key, expected, value);
            }

            @Override
            public boolean delete(String key, String expected, String index, String member) {
                return memory.delete(key, expected, index, member);
            }

            @Override
            public Set<String> members(String index) {
                return memory.members(index);
            }

            @Override
            public void addMember(String index, String member) {
                memory.addMember(index, member);
            }

            @Override
            public void removeMember(String index, String member) {
                memory.removeMember(index, member);
            }
        });
        recorded.createAccessKey(KEY);
        recorded.createAccessKey(new AccessKey("AKIAROOT000000000001", "rootSecret/000000000000000000000000001",
                AccessKey.Status.Active, "111111111111", null, NOW));
        recorded.createMfaDevice(DEVICE);
        assertThat(written).hasSize(6).allMatch(SecretlessKeyValueStore::holdsSecrets);
        recorded.createAccount(new Account("111111111111", "alice-corp"));
        recorded.createUser(new IamUser("111111111111", "alice", "/", "AIDAALICE", NOW, List.of(), Map.of(),
                List.of(), null));
        assertThat(written.subList(6, written.size())).as("control: other state is not refused")
                .noneMatch(SecretlessKeyValueStore::holdsSecrets);
    }

    @Test
    void aRefusalNamesThePrefixOnly() {
        assertThatThrownBy(() -> view.findAccessKey(KEY.accessKeyId()))
                .hasMessageEndingWith("iam:access-key:*").hasMessageNotContaining(KEY.accessKeyId());
    }
}

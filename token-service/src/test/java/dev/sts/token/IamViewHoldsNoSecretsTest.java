package dev.sts.token;

import dev.sts.core.iam.AccessKey;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.core.port.KeyValueStore;
import dev.sts.deploy.RedisUsers;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.RedisProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** token-service's IAM view, as the service wires it over real Redis, refuses access keys and MFA devices. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "token-service"))
class IamViewHoldsNoSecretsTest {
    @Inject
    IamRepository iamView;

    @Test
    void theServicesIamViewRefusesAccessKeysAndMfaDevicesButReadsUsers() {
        String account = String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
        // Written as policy-service, the owner of IAM state: token-service's own Redis user may not write it.
        IamRepository writer = new IamRepository(new ProbeStore(RedisProbe.ofLocalInfrastructure(RedisUsers.POLICY_SERVICE)));
        Instant now = Instant.now();
        String keyId = "AKIAVIEW" + account;
        String serial = "arn:aws:iam::" + account + ":mfa/view";
        writer.createUser(new IamUser(account, "viewer", "/", "AIDAVIEWTEST" + account.substring(0, 9), now));
        writer.createAccessKey(new AccessKey(keyId, "viewSecret/0000000000000000000000000000001", AccessKey.Status.Active,
                account, null, now));
        writer.createMfaDevice(new VirtualMfaDevice(account, serial, "JBSWY3DPEHPK3PXP", null, null, now));

        assertThat(iamView.findUser(account, "viewer")).as("control: the view reads IAM state from the same Redis").isPresent();
        assertThat(writer.findAccessKey(keyId)).as("control: the key is in Redis").isPresent();
        assertThatThrownBy(() -> iamView.findAccessKey(keyId)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> iamView.listAccessKeys(account, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> iamView.findMfaDevice(serial)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> iamView.listMfaDevices(account)).isInstanceOf(IllegalStateException.class);
    }

    /** Just enough of a store over the raw Redis connection for the writes above (not atomic: a test's set-up). */
    private record ProbeStore(RedisProbe redis) implements KeyValueStore {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(redis.get(key));
        }

        @Override
        public boolean create(String key, String value, String index, String member) {
            boolean created = "OK".equals(redis.command("SET", key, value, "NX"));
            redis.command("SADD", index, member);
            return created;
        }

        @Override
        public Set<String> members(String index) {
            return Set.copyOf(((List<?>) redis.command("SMEMBERS", index)).stream().map(String::valueOf).toList());
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            throw new AssertionError("not used by this test");
        }

        @Override
        public boolean delete(String key, String expected, String index, String member) {
            throw new AssertionError("not used by this test");
        }

        @Override
        public void addMember(String index, String member) {
            throw new AssertionError("not used by this test");
        }

        @Override
        public void removeMember(String index, String member) {
            throw new AssertionError("not used by this test");
        }
    }
}

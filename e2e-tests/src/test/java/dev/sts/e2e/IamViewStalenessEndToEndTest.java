package dev.sts.e2e;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.port.KeyValueStore;
import dev.sts.testing.RedisProbe;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * token-service's view of IAM state follows a change even when the change's event on iam.changes.v1 is lost:
 * every cached record expires after sts.iam-cache.max-staleness (5 s by default), so a removed trust grant is
 * refused within that bound. The change is written straight to Redis, as policy-service would write it (through
 * the same core repository), and no event is published at all.
 */
class IamViewStalenessEndToEndTest {
    private static final String ACCOUNT = "111111111111";

    @Test
    void aTrustGrantRemovedWithoutAChangeEventIsRefusedWithinTheStalenessBound() {
        String role = "Stale" + UUID.randomUUID().toString().substring(0, 6);
        String untouched = "Fresh" + UUID.randomUUID().toString().substring(0, 6);
        String trustsDev = trust(ACCOUNT);
        Clients.iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trustsDev));
        Clients.iam(DEV_ADMIN).createRole(r -> r.roleName(untouched).assumeRolePolicyDocument(trustsDev));
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/" + role;
        String untouchedArn = "arn:aws:iam::" + ACCOUNT + ":role/" + untouched;

        // Positive control: the grant is in force, and token-service has now read (and cached) the role.
        AssumeRoleResponse before = Eventually.succeeds(() -> Clients.sts(DEV_ADMIN)
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("before")));
        assertThat(before.assumedRoleUser().arn()).endsWith("/" + role + "/before");

        // The grant is removed behind every event's back: the role now trusts only another account.
        IamRepository redis = new IamRepository(new ProbeKeyValueStore(RedisProbe.of(RunningPlatform.get().config())));
        redis.updateRole(ACCOUNT, role, current -> current.withTrustPolicy(trust("222222222222")));
        assertThat(redis.findRole(ACCOUNT, role).orElseThrow().assumeRolePolicyDocument()).contains("222222222222");

        assertThat(Eventually.refused(() -> Clients.sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName("after")))).isEqualTo("AccessDenied");
        // The role made the same way and left alone is still assumable: the refusal is the change, not the set-up.
        assertThat(Clients.sts(DEV_ADMIN).assumeRole(r -> r.roleArn(untouchedArn).roleSessionName("after"))
                .assumedRoleUser().arn()).endsWith("/" + untouched + "/after");
    }

    private static String trust(String account) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + account
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    /** The platform's Redis through raw commands: the reads and the compare-and-set the repository's update needs. */
    private record ProbeKeyValueStore(RedisProbe probe) implements KeyValueStore {
        private static final String REPLACE = """
                if redis.call('GET', KEYS[1]) == ARGV[1] then
                  redis.call('SET', KEYS[1], ARGV[2])
                  return 1
                end
                return 0""";

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(probe.get(key));
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            return (Long) probe.command("EVAL", REPLACE, "1", key, expected, value) == 1L;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Set<String> members(String index) {
            return Set.copyOf((java.util.List<String>) probe.command("SMEMBERS", index));
        }

        @Override
        public boolean create(String key, String value, String index, String member) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String key, String expected, String index, String member) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addMember(String index, String member) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeMember(String index, String member) {
            throw new UnsupportedOperationException();
        }
    }
}

package dev.sts.federation.outbound;

import dev.sts.core.federation.OutboundFederation;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.port.KeyValueStore;
import dev.sts.deploy.RedisUsers;
import dev.sts.testing.RedisProbe;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes IAM state as policy-service, its owner, does (federation-service's own Redis user may only read it), over the
 * raw Redis connection: just enough for the tests' set-up, not atomic.
 */
final class IamStateWriter {
    private final IamRepository iam = new IamRepository(new ProbeStore(RedisProbe.ofLocalInfrastructure(RedisUsers.POLICY_SERVICE)));

    static String randomAccount() {
        return String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
    }

    /** Enables outbound federation for {@code account}, with an issuer identifier as policy-service makes them. */
    OutboundFederation enableOutbound(String account) {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        OutboundFederation federation = new OutboundFederation(account,
                "http://127.0.0.1:8091/outbound/" + HexFormat.of().formatHex(id), Instant.now());
        if (!iam.enableOutboundFederation(federation)) {
            throw new IllegalStateException("already enabled: " + account);
        }
        return federation;
    }

    private record ProbeStore(RedisProbe redis) implements KeyValueStore {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(redis.get(key));
        }

        @Override
        public boolean create(String key, String value, String index, String member) {
            boolean created = "OK".equals(String.valueOf(redis.command("SET", key, value, "NX")));
            redis.command("SADD", index, member);
            return created;
        }

        @Override
        public Set<String> members(String index) {
            return Set.copyOf(((List<?>) redis.command("SMEMBERS", index)).stream().map(String::valueOf).toList());
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            throw new AssertionError("not used by these tests");
        }

        @Override
        public boolean delete(String key, String expected, String index, String member) {
            throw new AssertionError("not used by these tests");
        }

        @Override
        public void addMember(String index, String member) {
            throw new AssertionError("not used by these tests");
        }

        @Override
        public void removeMember(String index, String member) {
            throw new AssertionError("not used by these tests");
        }
    }
}

package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real redis-server (it must be on the PATH; this test does not skip). */
class RedisServerProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final PlatformSecrets secrets = PlatformSecrets.generate();

    @Test
    void redisServerIsOnThePath() {
        assertThat(RedisServerProcess.isAvailable())
                .as("redis-server must be on the PATH to run the platform's tests (apt-get install redis-server)")
                .isTrue();
    }

    @Test
    void startsAPrivateServerWithAnAppendOnlyFileFsyncedOnEveryWriteAndStopsIt() throws Exception {
        RedisServerProcess redis = new RedisServerProcess(Ports.freePort(), dir, secrets);
        try {
            redis.start(Duration.ofSeconds(10));

            long pid = redis.pid().orElseThrow();
            try (RespConnection connection = as(redis, RedisUsers.ADMIN)) {
                assertThat(connection.command("SET", "greeting", "hello", "EX", "100")).isEqualTo("OK");
                assertThat(connection.command("GET", "greeting")).isEqualTo("hello");
                assertThat((Long) connection.command("TTL", "greeting")).isBetween(1L, 100L);
                assertThat(connection.command("GET", "missing")).isNull();
                assertThat(connection.command("CONFIG", "GET", "save")).asList().containsExactly("save", "");
                assertThat(connection.command("CONFIG", "GET", "appendonly")).asList().containsExactly("appendonly", "yes");
                assertThat(connection.command("CONFIG", "GET", "appendfsync")).asList()
                        .containsExactly("appendfsync", "always");
                assertThatThrownBy(() -> connection.command("NOSUCHCOMMAND"))
                        .isInstanceOf(RespConnection.RedisErrorReply.class);
            }

            redis.stop();

            assertThat(ProcessHandle.of(pid).map(ProcessStopper::hasExited).orElse(true)).isTrue();
            assertThat(Ports.isFree(redis.port())).isTrue();
            assertThat(RedisServerProcess.answersPing(redis.port())).isFalse();
            assertThat(dir.resolve("dump.rdb")).doesNotExist();
        } finally {
            redis.stop();
        }
    }

    @Test
    void aWriteRedisAnsweredSurvivesKillDashNine() throws Exception {
        RedisServerProcess redis = new RedisServerProcess(Ports.freePort(), dir, secrets);
        try {
            redis.start(Duration.ofSeconds(10));
            try (RespConnection connection = as(redis, RedisUsers.POLICY_SERVICE)) {
                assertThat(connection.command("SET", "iam:role:111111111111:durable", "{}")).isEqualTo("OK");
                // A script with two writes, as the IAM store creates a record and its index entry: Redis logs it
                // as MULTI/EXEC, which it replays on load as the default user (see RedisUsers.DEFAULT_USER).
                assertThat(connection.command("EVAL", "redis.call('SET', KEYS[1], ARGV[1]) redis.call('SADD', KEYS[2],"
                        + " ARGV[2]) return 1", "2", "iam:user:111111111111:alice", "iam:users:111111111111", "{}", "alice"))
                        .isEqualTo(1L);
            }

            redis.kill();
            assertThat(redis.pid()).isEmpty();
            redis.start(Duration.ofSeconds(10));

            try (RespConnection connection = as(redis, RedisUsers.ADMIN)) {
                assertThat(connection.command("GET", "iam:role:111111111111:durable")).isEqualTo("{}");
                assertThat(connection.command("GET", "iam:user:111111111111:alice")).isEqualTo("{}");
                assertThat(connection.command("SMEMBERS", "iam:users:111111111111")).asList().containsExactly("alice");
                // Control: a key never written is not there, so the reads above are not an artefact.
                assertThat(connection.command("GET", "iam:role:111111111111:never-written")).isNull();
            }
        } finally {
            redis.stop();
        }
    }

    @Test
    void refusesClientsWithoutCredentialsOrWithAWrongPassword() throws Exception {
        RedisServerProcess redis = new RedisServerProcess(Ports.freePort(), dir, secrets);
        try {
            redis.start(Duration.ofSeconds(10));

            try (RespConnection anonymous = RespConnection.open("127.0.0.1", redis.port(), TIMEOUT)) {
                assertThatThrownBy(() -> anonymous.command("GET", "iam:role:111111111111:x"))
                        .isInstanceOf(RespConnection.RedisErrorReply.class).hasMessageStartingWith("NOAUTH");
            }
            try (RespConnection wrong = RespConnection.open("127.0.0.1", redis.port(), TIMEOUT)) {
                assertThatThrownBy(() -> wrong.command("AUTH", "policy-service", "not-the-password"))
                        .isInstanceOf(RespConnection.RedisErrorReply.class).hasMessageStartingWith("WRONGPASS");
                assertThatThrownBy(() -> wrong.command("GET", "iam:role:111111111111:x"))
                        .isInstanceOf(RespConnection.RedisErrorReply.class).hasMessageStartingWith("NOAUTH");
            }
            try (RespConnection defaultUser = RespConnection.open("127.0.0.1", redis.port(), TIMEOUT)) {
                assertThatThrownBy(() -> defaultUser.command("AUTH", "default", ""))
                        .isInstanceOf(RespConnection.RedisErrorReply.class).hasMessageStartingWith("WRONGPASS");
            }
            // Control: the same user with its own password, made the same way, gets in.
            try (RespConnection right = as(redis, RedisUsers.POLICY_SERVICE)) {
                assertThat(right.command("GET", "iam:role:111111111111:x")).isNull();
            }
            assertThat(RedisServerProcess.answersPing(redis.port())).as("a NOAUTH answer still shows a live server").isTrue();
        } finally {
            redis.stop();
        }
    }

    @Test
    void tokenServiceCannotReadAccessKeysNorWriteIamStateAndPolicyServiceCan() throws Exception {
        RedisServerProcess redis = new RedisServerProcess(Ports.freePort(), dir, secrets);
        try {
            redis.start(Duration.ofSeconds(10));
            try (RespConnection policy = as(redis, RedisUsers.POLICY_SERVICE);
                 RespConnection token = as(redis, RedisUsers.TOKEN_SERVICE)) {
                // Control first: policy-service writes and reads IAM state, access keys included.
                assertThat(policy.command("SET", "iam:access-key:AKIAEXAMPLE", "{\"secret\":\"x\"}")).isEqualTo("OK");
                assertThat(policy.command("SET", "iam:role:111111111111:reader", "{}")).isEqualTo("OK");
                assertThat(policy.command("GET", "iam:access-key:AKIAEXAMPLE")).isEqualTo("{\"secret\":\"x\"}");

                assertThatThrownBy(() -> token.command("GET", "iam:access-key:AKIAEXAMPLE"))
                        .isInstanceOf(RespConnection.RedisErrorReply.class).hasMessageStartingWith("NOPERM");
                assertThatThrownBy(() -> token.command("SMEMBERS", "iam:access-keys:111111111111:alice"))
                        .isInstanceOf(RespConnection.RedisErrorReply.class).hasMessageStartingWith("NOPERM");
                assertThatThrownBy(() -> token.command("SET", "iam:role:111111111111:reader", "{\"forged\":1}"))
                        .isInstanceOf(RespConnection.RedisErrorReply.class).hasMessageStartingWith("NOPERM");
                assertThatThrownBy(() -> token.command("EVAL", "return redis.call('SET', KEYS[1], 'x')", "1",
                        "iam:role:111111111111:reader")).isInstanceOf(RespConnection.RedisErrorReply.class);
                // What token-service may do, the same way: read a role, write its own session record, run a script.
                assertThat(token.command("GET", "iam:role:111111111111:reader")).isEqualTo("{}");
                assertThat(token.command("SET", "sts:session:ASIAEXAMPLE", "{}", "EX", "60")).isEqualTo("OK");
                assertThat(token.command("EVAL", "return redis.call('INCR', KEYS[1])", "1", "sts:mfa-failures:x"))
                        .isEqualTo(1L);
                // policy-service reads revocations but cannot write them; token-service can.
                assertThat(token.command("SET", "sts:revocation:v2:role:x", "{}")).isEqualTo("OK");
                assertThat(policy.command("GET", "sts:revocation:v2:role:x")).isEqualTo("{}");
                assertThatThrownBy(() -> policy.command("DEL", "sts:revocation:v2:role:x"))
                        .isInstanceOf(RespConnection.RedisErrorReply.class).hasMessageStartingWith("NOPERM");

                // Dangerous commands are refused to both services; admin (the control) may run them.
                for (RespConnection service : new RespConnection[] {policy, token}) {
                    assertThatThrownBy(() -> service.command("KEYS", "*")).hasMessageStartingWith("NOPERM");
                    assertThatThrownBy(() -> service.command("FLUSHALL")).hasMessageStartingWith("NOPERM");
                    assertThatThrownBy(() -> service.command("CONFIG", "GET", "save")).hasMessageStartingWith("NOPERM");
                    assertThatThrownBy(() -> service.command("SCRIPT", "FLUSH")).hasMessageStartingWith("NOPERM");
                    assertThatThrownBy(() -> service.command("FUNCTION", "FLUSH")).hasMessageStartingWith("NOPERM");
                }
                try (RespConnection admin = as(redis, RedisUsers.ADMIN)) {
                    assertThat(admin.command("KEYS", "iam:access-key:*")).asList().containsExactly("iam:access-key:AKIAEXAMPLE");
                }
            }
        } finally {
            redis.stop();
        }
    }

    @Test
    void theAclFileIsPrivateAndHoldsNoPassword() throws Exception {
        RedisServerProcess redis = new RedisServerProcess(Ports.freePort(), dir, secrets);
        try {
            redis.start(Duration.ofSeconds(10));
            Path acl = dir.resolve(RedisServerProcess.ACL_FILE);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(acl))).isEqualTo("rw-------");
            String text = Files.readString(acl);
            assertThat(text).contains(RedisUsers.DEFAULT_USER).contains("user token-service on #");
            for (RedisUsers.User user : RedisUsers.ALL) {
                assertThat(text).doesNotContain(secrets.redisPassword(user));
                // Nor on Redis's command line, which ps shows to every local user.
                String commandLine = ProcessHandle.of(redis.pid().orElseThrow()).orElseThrow().info().commandLine().orElse("");
                assertThat(commandLine).doesNotContain(secrets.redisPassword(user));
            }
        } finally {
            redis.stop();
        }
    }

    @Test
    void refusesAPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RedisServerProcess redis = new RedisServerProcess(taken.getLocalPort(), dir, secrets);

            assertThatThrownBy(() -> redis.start(Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    private RespConnection as(RedisServerProcess redis, RedisUsers.User user) throws Exception {
        RespConnection connection = RespConnection.open("127.0.0.1", redis.port(), TIMEOUT);
        assertThat(connection.command("AUTH", user.name(), secrets.redisPassword(user))).isEqualTo("OK");
        return connection;
    }
}

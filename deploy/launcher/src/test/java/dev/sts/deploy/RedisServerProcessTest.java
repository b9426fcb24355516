package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real redis-server (it must be on the PATH; this test does not skip). */
class RedisServerProcessTest {

    @TempDir
    Path dir;

    @Test
    void redisServerIsOnThePath() {
        assertThat(RedisServerProcess.isAvailable())
                .as("redis-server must be on the PATH to run the platform's tests (apt-get install redis-server)")
                .isTrue();
    }

    @Test
    void startsAPrivateServerThatKeepsNothingAndStopsIt() throws Exception {
        RedisServerProcess redis = new RedisServerProcess(Ports.freePort(), dir);
        try {
            redis.start(Duration.ofSeconds(10));

            long pid = redis.pid().orElseThrow();
            try (RespConnection connection = RespConnection.open("127.0.0.1", redis.port(), Duration.ofSeconds(2))) {
                assertThat(connection.command("SET", "greeting", "hello", "EX", "100")).isEqualTo("OK");
                assertThat(connection.command("GET", "greeting")).isEqualTo("hello");
                assertThat((Long) connection.command("TTL", "greeting")).isBetween(1L, 100L);
                assertThat(connection.command("GET", "missing")).isNull();
                assertThat(connection.command("CONFIG", "GET", "save")).asList().containsExactly("save", "");
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
    void refusesAPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RedisServerProcess redis = new RedisServerProcess(taken.getLocalPort(), dir);

            assertThatThrownBy(() -> redis.start(Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }
}

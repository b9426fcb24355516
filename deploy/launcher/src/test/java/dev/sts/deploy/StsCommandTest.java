package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsCommandTest {

    @TempDir
    Path state;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        return new StsCommand(new Platform(PlatformConfig.forTests(Path.of("/repo"), state), out), out).run(args);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        assertThat(run()).isZero();
        assertThat(output()).contains("up", "down", "status", "logs [component]");
    }

    @Test
    void anUnknownCommandPrintsHelpAndFails() throws Exception {
        assertThat(run("start")).isEqualTo(2);
        assertThat(output()).contains("Unknown command: start", "Usage: ./sts");
    }

    @Test
    void authorizeClientChecksItsArgumentsBeforeCallingAnything() throws Exception {
        assertThat(run("authorize-client")).isEqualTo(2);
        assertThat(run("authorize-client", "revoke", "Not/A/Name")).isEqualTo(2);
        assertThat(output()).contains("Usage: ./sts authorize-client create NAME | revoke NAME | list");
        // A well-formed call goes to policy-service's management port, where nothing answers here.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("authorize-client", "list"))
                .hasMessageContaining("policy-service's admin API does not answer at http://127.0.0.1:");
    }

    @Test
    void statusFailsLikeSystemctlWhenNothingRuns() throws Exception {
        assertThat(run("status")).isEqualTo(3);
        assertThat(output()).contains("token-service", "not running", "does not answer");
    }

    @Test
    void logsListsTheFilesAndShowsTheEndOfOne() throws Exception {
        Files.createDirectories(state.resolve("logs"));
        Files.writeString(state.resolve("logs/kafka.log"), "first\nlast line\n");

        assertThat(run("logs")).isZero();
        assertThat(output()).contains(state.resolve("logs/token-service.log") + " (none yet)");
        assertThat(run("logs", "kafka")).isZero();
        assertThat(output()).contains("last line");
        assertThat(run("logs", "zookeeper")).isEqualTo(2);
    }
}

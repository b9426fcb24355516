package dev.sts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.deploy.PlatformConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real {@code aws} CLI against the running platform, configured only by the files {@code ./sts up} writes. */
final class AwsCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsCli() {
    }

    /** Runs {@code aws --profile dev-admin ARGS} and returns its JSON output; fails the test if the command fails. */
    static JsonNode devAdmin(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--profile", "dev-admin"));
        command.addAll(List.of(args));
        return json(Map.of(), command.toArray(String[]::new));
    }

    /** Runs {@code aws ARGS} with extra environment variables and returns its JSON output. */
    static JsonNode json(Map<String, String> extraEnvironment, String... args) throws Exception {
        ExternalCommand.Result result = run(extraEnvironment, args);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.output());
    }

    /** Runs {@code aws ARGS}, whatever its outcome. */
    static ExternalCommand.Result run(Map<String, String> extraEnvironment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        PlatformConfig config = RunningPlatform.get().config();
        Map<String, String> env = new HashMap<>(extraEnvironment);
        env.put("AWS_CONFIG_FILE", config.awsConfigFile().toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", config.awsCredentialsFile().toString());
        return ExternalCommand.run(command, env);
    }
}

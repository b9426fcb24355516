package dev.sts.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real client program (python3, aws) with a clean AWS environment and collects its output. */
final class ExternalCommand {
    private ExternalCommand() {
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Nothing from the developer's own AWS setup may leak into what the test proves.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 120 s:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}

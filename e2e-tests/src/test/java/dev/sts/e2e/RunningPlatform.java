package dev.sts.e2e;

import dev.sts.deploy.Platform;
import dev.sts.deploy.PlatformConfig;
import dev.sts.deploy.ProjectRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One platform for the whole test JVM, started on free ports with its state in a temp directory,
 * exactly as {@code ./sts up} starts it, and stopped when the JVM exits.
 */
final class RunningPlatform {
    private static Platform platform;

    private RunningPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            try {
                Path state = Files.createTempDirectory("sts-e2e-");
                Platform started = new Platform(PlatformConfig.forTests(ProjectRoot.find(), state));
                Runtime.getRuntime().addShutdownHook(new Thread(started::down, "sts-e2e-platform-down"));
                started.up();
                platform = started;
            } catch (IOException e) {
                throw new UncheckedIOException("the platform did not start", e);
            }
        }
        return platform;
    }
}

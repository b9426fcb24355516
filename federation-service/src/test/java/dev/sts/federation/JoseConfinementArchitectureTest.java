package dev.sts.federation;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nimbus JOSE+JWT stays inside the packages that parse and sign tokens ({@code oidc}, {@code outbound}): the rest of
 * the service (REST, configuration, messaging) sees only the core's records.
 */
class JoseConfinementArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/sts/federation");

    @Test
    void onlyTheTokenPackagesUseNimbus() {
        assertThat(nimbusUsers(SOURCES)).allMatch(file -> file.startsWith(SOURCES.resolve("oidc"))
                || file.startsWith(SOURCES.resolve("outbound")));
    }

    @Test
    void theScanFindsNimbusWhereItIs() {
        // Positive control: the oidc package does use it, and the scan sees that.
        assertThat(nimbusUsers(SOURCES)).anyMatch(file -> file.startsWith(SOURCES.resolve("oidc")));
    }

    private static List<Path> nimbusUsers(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).filter(file -> {
                try {
                    return Files.readString(file).contains("com.nimbusds");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

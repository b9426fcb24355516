package dev.sts.token;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * token-service reads no long-term secret and no TOTP seed: its sources name none of the IAM store's access-key or
 * MFA-device reads nor their Redis keys, and its one view of IAM state goes through {@code SecretlessKeyValueStore}
 * (which refuses those keys at run time, see {@code IamViewHoldsNoSecretsTest}). Keys are resolved as derived
 * signing keys and MFA codes checked by policy-service.
 */
class NoSecretReadsArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    /** What reading a secret or a seed would take, directly or through the core's local implementations. */
    private static final List<Pattern> FORBIDDEN = Stream.of(
            "\\.findAccessKey\\(", "\\.listAccessKeys\\(", "\\.findMfaDevice\\(", "\\.listMfaDevices\\(",
            "AccessKeyResolution", "IamSigningKeyDirectory", "IamMfaCodeChecker", "LongTermCredential\\b",
            "base32Seed", "\"iam:access-key", "\"iam:mfa").map(Pattern::compile).toList();

    @Test
    void tokenServiceSourcesNameNoSecretRead() {
        assertThat(offences(SOURCES)).isEmpty();
    }

    @Test
    void theScanFindsTheReadsWhereTheyAre() {
        // Positive control: policy-service holds the secrets, and the same scan finds its reads.
        assertThat(offences(Path.of("../policy-service/src/main/java"))).isNotEmpty();
        assertThat(offences(Path.of("../sts-core/src/main/java/dev/sts/core/mfa"))).anyMatch(o -> o.contains("base32Seed"));
    }

    @Test
    void everyRedisViewOfIamStateIsSecretless() throws IOException {
        List<String> lines;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            lines = files.filter(p -> p.toString().endsWith(".java")).flatMap(NoSecretReadsArchitectureTest::lines)
                    .filter(line -> line.contains("new RedisKeyValueStore(")).toList();
        }
        assertThat(lines).isNotEmpty()
                .allMatch(line -> line.contains("new SecretlessKeyValueStore(new RedisKeyValueStore("));
    }

    private static List<String> offences(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(file -> lines(file).filter(line -> FORBIDDEN.stream().anyMatch(f -> f.matcher(line).find()))
                            .map(line -> file.getFileName() + ": " + line.trim()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

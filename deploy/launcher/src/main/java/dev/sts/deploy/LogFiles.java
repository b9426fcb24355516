package dev.sts.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** Reads the end of a process's log file, for error messages and {@code ./sts logs}. */
public final class LogFiles {

    private LogFiles() {
    }

    /** The last {@code count} lines of {@code file}, or a note saying why there are none. */
    public static String lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return "(no log file at " + file + ")";
        }
        try {
            // Decoding the bytes (not Files.lines) replaces malformed input instead of failing on it.
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Appends a line marking a new start: logs are kept across restarts, and this shows where the latest run
     * begins.
     */
    static void appendStartMarker(Path file, String component) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "==== " + component + " starting at " + Instant.now() + " ====" + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Appends one line, stamped with the time, to {@code file}. */
    static void appendLine(Path file, String line) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Instant.now() + " " + line + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}

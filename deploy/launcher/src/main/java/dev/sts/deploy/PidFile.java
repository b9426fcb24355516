package dev.sts.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A file holding the pid of a process the platform started, so that a later {@code ./sts down} or
 * {@code ./sts status} (a new JVM) can find it again.
 *
 * <p>A pid can be reused by an unrelated process after a reboot or a crash, so a recorded process counts
 * only while its command line still contains {@code commandMarker} (e.g. {@code redis-server},
 * {@code kafka.Kafka}, the service's jar path). Anything else is treated as stale and never signalled.
 */
public final class PidFile {

    private final Path file;
    private final String commandMarker;

    public PidFile(Path file, String commandMarker) {
        this.file = file;
        this.commandMarker = commandMarker;
    }

    public Path path() {
        return file;
    }

    /** Records {@code pid}, replacing any earlier content. */
    public void write(long pid) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write pid file " + file, e);
        }
    }

    /** The recorded pid, if the file exists and holds a number. */
    public Optional<Long> pid() {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The recorded process, if it is still alive and still the program we started. */
    public Optional<ProcessHandle> liveProcess() {
        return pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::isOurs);
    }

    private boolean isOurs(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().map(line -> line.contains(commandMarker)).orElse(false)
                || info.command().map(command -> command.contains(commandMarker)).orElse(false);
    }

    /**
     * Stops the recorded process (and its children) if it is alive, then deletes the file.
     *
     * @return whether a live process was stopped
     */
    public boolean stopAndDelete(Duration grace) {
        Optional<ProcessHandle> process = liveProcess();
        process.ifPresent(p -> ProcessStopper.stop(p, grace));
        delete();
        return process.isPresent();
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete pid file " + file, e);
        }
    }
}

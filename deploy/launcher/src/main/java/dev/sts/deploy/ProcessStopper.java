package dev.sts.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Stops a process and everything it started: a polite SIGTERM first, SIGKILL after a grace period. */
final class ProcessStopper {

    private static final long POLL_MILLIS = 50;

    private ProcessStopper() {
    }

    /** Stops {@code process} and its descendants; returns once they are gone (or were killed). */
    static void stop(ProcessHandle process, Duration grace) {
        // Collected first: once the parent is gone its children are re-parented and no longer its descendants.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(5));
        }
        for (ProcessHandle child : descendants) {
            if (!hasExited(child)) {
                child.destroy();
                if (!awaitExit(child, Duration.ofSeconds(5))) {
                    child.destroyForcibly();
                }
            }
        }
    }

    /** Waits until {@code process} has exited; {@code false} if it still runs after {@code timeout}. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasExited(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return hasExited(process);
            }
        }
        return true;
    }

    /**
     * Whether the process has exited. A zombie counts as exited: the JDK reports it alive until its parent reaps
     * it, and the orphans of {@code ./sts up} belong to init, which on some machines reaps only about once a
     * second (seen here: every stop took two seconds longer).
     */
    static boolean hasExited(ProcessHandle process) {
        // Asked again after /proc: a zombie reaped between the first question and the read of its /proc entry
        // looked alive, then had no entry to show it a zombie (seen once in CI, on a broker stopped by a test).
        return !process.isAlive() || isZombie(process.pid()) || !process.isAlive();
    }

    private static boolean isZombie(long pid) {
        try {
            // Linux /proc/<pid>/stat: "pid (command) state ..."; the command may itself contain ") ".
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int endOfCommand = stat.lastIndexOf(')');
            return endOfCommand > 0 && endOfCommand + 2 < stat.length() && stat.charAt(endOfCommand + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux) or the process is already gone: isAlive() decides.
            return false;
        }
    }
}

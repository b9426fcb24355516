package dev.sts.core.store;

import dev.sts.core.port.MfaFailureCounter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** MFA failure counts in this process only: for unit tests and the memory fallback, never for a shared deployment. */
public final class InMemoryMfaFailureCounter implements MfaFailureCounter {
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public InMemoryMfaFailureCounter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long countAttempt(String serialNumber, Duration window) {
        Instant now = clock.instant();
        windows.values().removeIf(w -> !now.isBefore(w.endsAt()));
        Window counted = windows.merge(serialNumber, new Window(1, now.plus(window)),
                (current, first) -> new Window(current.count() + 1, current.endsAt()));
        return counted.count();
    }

    @Override
    public void forgive(String serialNumber) {
        Instant now = clock.instant();
        windows.computeIfPresent(serialNumber, (serial, w) -> !now.isBefore(w.endsAt()) ? null
                : new Window(Math.max(0, w.count() - 1), w.endsAt()));
    }

    private record Window(long count, Instant endsAt) {
    }
}

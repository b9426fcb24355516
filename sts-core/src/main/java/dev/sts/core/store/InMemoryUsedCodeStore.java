package dev.sts.core.store;

import dev.sts.core.port.UsedCodeStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Used one-time codes in this process only: for unit tests and the memory fallback. */
public final class InMemoryUsedCodeStore implements UsedCodeStore {
    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    @Override
    public boolean markUsed(String serialNumber, long step, Duration remember) {
        Instant now = Instant.now();
        used.values().removeIf(until -> !now.isBefore(until));
        return used.putIfAbsent(serialNumber + "#" + step, now.plus(remember)) == null;
    }
}

package dev.sts.core.store;

import dev.sts.core.port.KeyValueStore;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link KeyValueStore} in this process: for unit tests and for the loudly-announced fallback of a
 * machine without Redis. Each operation holds one lock, so the compound ones stay atomic.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> indexes = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public synchronized boolean create(String key, String value, String index, String member) {
        if (values.putIfAbsent(key, value) != null) {
            return false;
        }
        addMember(index, member);
        return true;
    }

    @Override
    public boolean replace(String key, String expected, String value) {
        return values.replace(key, expected, value);
    }

    @Override
    public synchronized boolean delete(String key, String expected, String index, String member) {
        if (!values.remove(key, expected)) {
            return false;
        }
        removeMember(index, member);
        return true;
    }

    @Override
    public Set<String> members(String index) {
        return Set.copyOf(indexes.getOrDefault(index, Set.of()));
    }

    @Override
    public void addMember(String index, String member) {
        indexes.computeIfAbsent(index, k -> ConcurrentHashMap.newKeySet()).add(member);
    }

    @Override
    public void removeMember(String index, String member) {
        Set<String> members = indexes.get(index);
        if (members != null) {
            members.remove(member);
        }
    }
}

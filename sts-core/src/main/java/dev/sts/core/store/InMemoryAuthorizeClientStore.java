package dev.sts.core.store;

import dev.sts.core.port.AuthorizeClientStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Authorize clients in this process only: for unit tests and the one-process {@code memory} store. */
public final class InMemoryAuthorizeClientStore implements AuthorizeClientStore {
    private final Map<String, byte[]> digests = new ConcurrentHashMap<>();

    @Override
    public boolean create(String name, byte[] tokenDigest) {
        return digests.putIfAbsent(name, tokenDigest.clone()) == null;
    }

    @Override
    public Optional<byte[]> digest(String name) {
        return Optional.ofNullable(digests.get(name)).map(byte[]::clone);
    }

    @Override
    public boolean revoke(String name) {
        return digests.remove(name) != null;
    }

    @Override
    public List<String> names() {
        return digests.keySet().stream().sorted().toList();
    }
}

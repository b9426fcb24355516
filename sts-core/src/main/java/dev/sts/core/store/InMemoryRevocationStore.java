package dev.sts.core.store;

import dev.sts.core.port.RevocationStore;
import dev.sts.core.revocation.Revocation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Revocations in this process only: the loudly-announced fallback of a machine without Redis. */
public final class InMemoryRevocationStore implements RevocationStore {
    private final List<Revocation> revocations = new CopyOnWriteArrayList<>();

    @Override
    public void save(Revocation revocation) {
        revocations.add(revocation);
    }

    @Override
    public List<Revocation> all() {
        return List.copyOf(revocations);
    }
}

package dev.sts.core.port;

import dev.sts.core.revocation.Revocation;

import java.util.List;

/** Where revocations are kept until they expire, so an instance that starts later still knows them. */
public interface RevocationStore {
    void save(Revocation revocation);

    /** Every revocation still in force. */
    List<Revocation> all();
}

package dev.sts.core.port;

import java.util.List;
import java.util.Optional;

/**
 * The authorize API's clients (resource services), created and revoked at runtime, shared by every
 * policy-service instance. Only the SHA-256 digest of each client's token is stored.
 */
public interface AuthorizeClientStore {
    /** Stores a new client; {@code false} if the name is taken (nothing changes then). */
    boolean create(String name, byte[] tokenDigest);

    /** The digest of a live client's token, read from the shared store on every call (no cache: a revocation applies at once). */
    Optional<byte[]> digest(String name);

    /** Removes a client; {@code false} if there was none. */
    boolean revoke(String name);

    /** The live clients' names, sorted. */
    List<String> names();
}

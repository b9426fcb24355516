package dev.sts.core.credential;

import dev.sts.core.port.AuthorizeClientStore;

import java.util.List;
import java.util.Optional;

/**
 * The authorize API's credentials: one per resource service. Clients created at runtime live in an
 * {@link AuthorizeClientStore} (digest only) and are looked up by the name their token starts with, on every
 * call; clients fixed by configuration (set up with the deployment, such as audit-service) cannot be revoked
 * through the API and their names cannot be taken.
 */
public final class AuthorizeClients implements CredentialVerifier {
    private final AuthorizeClientStore store;
    private final FixedCredentials configured;

    public AuthorizeClients(AuthorizeClientStore store, FixedCredentials configured) {
        this.store = store;
        this.configured = configured;
    }

    /** Why a create or revoke did not happen. */
    public static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    /**
     * Creates a client and returns its token, the only time it is ever seen.
     *
     * @throws IllegalArgumentException if the name is not a valid client name
     * @throws Conflict                 if a client of that name exists (in the store or in configuration)
     */
    public String create(String name) {
        ServiceToken.requireName(name);
        if (configured.names().contains(name)) {
            throw new Conflict("authorize client " + name + " is set up by configuration");
        }
        String token = ServiceToken.generate(name);
        if (!store.create(name, ServiceToken.digest(token))) {
            throw new Conflict("authorize client " + name + " already exists");
        }
        return token;
    }

    /**
     * Revokes a client created through the API; its token is refused from the next request on.
     *
     * @return {@code false} if there was no such client
     * @throws Conflict if the client is set up by configuration
     */
    public boolean revoke(String name) {
        if (!ServiceToken.isName(name)) {
            return false;
        }
        if (configured.names().contains(name)) {
            throw new Conflict("authorize client " + name + " is set up by configuration; remove it there");
        }
        return store.revoke(name);
    }

    /** Clients created at runtime. */
    public List<String> created() {
        return store.names();
    }

    /** Clients set up by configuration. */
    public List<String> configured() {
        return configured.names();
    }

    @Override
    public Optional<String> verify(String token) {
        Optional<String> fixed = configured.verify(token);
        if (fixed.isPresent()) {
            return fixed;
        }
        Optional<String> name = ServiceToken.nameOf(token);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = ServiceToken.digest(token);
        return store.digest(name.get()).filter(stored -> ServiceToken.matches(presented, stored)).map(stored -> name.get());
    }
}

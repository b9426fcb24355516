package dev.sts.core.credential;

import java.util.List;
import java.util.Optional;

/**
 * A fixed set of named credentials from configuration (key resolution, admin, an authorize client set up at
 * deployment). Every stored digest is compared, whatever the first match, so the time taken does not say
 * which one matched.
 */
public final class FixedCredentials implements CredentialVerifier {
    private final List<ServiceCredential> credentials;

    private FixedCredentials(List<ServiceCredential> credentials) {
        this.credentials = List.copyOf(credentials);
    }

    /**
     * The credentials made from configured tokens ({@code <name>.<secret>} each).
     *
     * @throws IllegalArgumentException if a token is malformed or two share a name
     */
    public static FixedCredentials fromTokens(List<String> tokens) {
        List<ServiceCredential> credentials = tokens.stream().map(String::trim).filter(t -> !t.isEmpty())
                .map(ServiceCredential::fromToken).toList();
        if (credentials.stream().map(ServiceCredential::name).distinct().count() != credentials.size()) {
            throw new IllegalArgumentException("Two configured service credentials share a name");
        }
        return new FixedCredentials(credentials);
    }

    /** The configured names (never the tokens). */
    public List<String> names() {
        return credentials.stream().map(ServiceCredential::name).toList();
    }

    public boolean isEmpty() {
        return credentials.isEmpty();
    }

    @Override
    public Optional<String> verify(String token) {
        byte[] presented = ServiceToken.digest(token);
        String found = null;
        for (ServiceCredential credential : credentials) {
            if (ServiceToken.matches(presented, credential.digest()) && found == null) {
                found = credential.name();
            }
        }
        return Optional.ofNullable(found);
    }
}

package dev.sts.core.credential;

import java.util.Optional;

/** Whether a presented token is a live credential of one scope, and whose. */
@FunctionalInterface
public interface CredentialVerifier {
    /**
     * @param token a presented token, already checked to be well formed
     * @return the credential's name when the token is one of this scope's live credentials, else empty
     */
    Optional<String> verify(String token);
}

package dev.sts.core.port;

import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.iam.LongTermSigningKey;
import dev.sts.core.sigv4.CredentialScope;

import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the long-term key behind an AKIA… id as a verifier needs it: the SigV4 signing key derived for one
 * credential scope, and whose key it is. The secret itself never crosses this port, so a remote implementation
 * (token-service's client of policy-service) never holds it. Implemented over the IAM store
 * ({@link dev.sts.core.iam.IamSigningKeyDirectory}), by its remote client and by a cache.
 */
public interface SigningKeyDirectory {
    /**
     * @param scope the request's credential scope; a remote directory answers only for scopes its
     *              {@link dev.sts.core.auth.SigningKeyWindow} allows
     * @return empty when the key id is unknown or its owner no longer exists
     * @throws dev.sts.core.error.StsException SignatureDoesNotMatch when the scope is one no key is derived for;
     *                                         ServiceUnavailable when the directory cannot be reached
     */
    Optional<LongTermSigningKey> find(String accessKeyId, CredentialScope scope);

    /**
     * A directory that derives each answer from a credential found where the secrets are (the IAM store in
     * policy-service, a map in tests).
     */
    static SigningKeyDirectory deriving(Function<String, Optional<LongTermCredential>> credentials) {
        return (accessKeyId, scope) -> credentials.apply(accessKeyId).map(c -> LongTermSigningKey.of(c, scope));
    }
}

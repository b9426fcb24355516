package dev.sts.core.iam;

import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.sigv4.CredentialScope;

import java.util.Objects;
import java.util.Optional;

/**
 * The signing-key directory over the IAM store, for the one service that holds secrets (policy-service): its own
 * IAM endpoint, its authorize API and the internal key-resolution endpoint all verify long-term keys through it,
 * with the derived key, never the secret.
 */
public final class IamSigningKeyDirectory implements SigningKeyDirectory {
    private final IamRepository iam;

    public IamSigningKeyDirectory(IamRepository iam) {
        this.iam = Objects.requireNonNull(iam, "iam");
    }

    @Override
    public Optional<LongTermSigningKey> find(String accessKeyId, CredentialScope scope) {
        return AccessKeyResolution.resolve(iam, accessKeyId).map(credential -> LongTermSigningKey.of(credential, scope));
    }
}

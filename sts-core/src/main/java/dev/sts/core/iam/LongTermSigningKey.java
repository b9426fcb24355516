package dev.sts.core.iam;

import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.sigv4.CredentialScope;
import dev.sts.core.sigv4.SigningKeys;

import java.util.Objects;

/**
 * A long-term access key as a verifier needs it: the signing key derived from its secret for one scope (never the
 * secret), whether it may be used, and whose it is.
 *
 * @param accessKeyId the AKIA… id
 * @param scope       the date, region and service the signing key is good for, and only for
 * @param signingKey  kSigning for {@code scope} ({@value SigningKeys#LENGTH} bytes); not to be logged
 * @param active      false once the key was set Inactive: it then authenticates nothing
 * @param owner       the user (or account root) the key belongs to
 */
public record LongTermSigningKey(String accessKeyId, CredentialScope scope, byte[] signingKey, boolean active,
                                 CallerIdentity owner) {
    public LongTermSigningKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(owner, "owner");
        if (signingKey == null || signingKey.length != SigningKeys.LENGTH) {
            throw new IllegalArgumentException("a signing key has " + SigningKeys.LENGTH + " bytes");
        }
        signingKey = signingKey.clone();
    }

    /** Derives the key of {@code credential} for {@code scope}: the one place a secret becomes a signing key. */
    public static LongTermSigningKey of(LongTermCredential credential, CredentialScope scope) {
        return new LongTermSigningKey(credential.accessKeyId(), scope,
                SigningKeys.derive(credential.secretAccessKey(), scope), credential.active(), credential.owner());
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LongTermSigningKey that && accessKeyId.equals(that.accessKeyId)
                && scope.equals(that.scope) && java.security.MessageDigest.isEqual(signingKey, that.signingKey)
                && active == that.active && owner.equals(that.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKeyId, scope, active, owner);
    }

    @Override
    public String toString() {
        return "LongTermSigningKey[accessKeyId=" + accessKeyId + ", scope=" + scope + ", active=" + active
                + ", owner=" + owner.arn() + "]";
    }
}

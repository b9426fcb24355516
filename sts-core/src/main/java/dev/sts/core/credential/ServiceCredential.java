package dev.sts.core.credential;

import java.util.Objects;

/**
 * One stored credential: whose it is and the SHA-256 digest of its token (never the token).
 *
 * @param name   the credential's name, e.g. {@code token-service}; safe to log and audit
 * @param digest the SHA-256 digest of the token
 */
public record ServiceCredential(String name, byte[] digest) {
    public ServiceCredential {
        ServiceToken.requireName(name);
        Objects.requireNonNull(digest);
        if (digest.length != 32) {
            throw new IllegalArgumentException("A credential digest is a SHA-256 digest (32 bytes)");
        }
        digest = digest.clone();
    }

    /** The credential made from a configured token; the token itself is not kept. */
    public static ServiceCredential fromToken(String token) {
        String name = ServiceToken.nameOf(token).orElseThrow(() -> new IllegalArgumentException(
                "A service credential is <name>.<secret> (a name of lower-case letters, digits and dashes, a dot, "
                        + "and at least 32 URL-safe base64 characters)"));
        return new ServiceCredential(name, ServiceToken.digest(token));
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Keeps the digest out of logs. */
    @Override
    public String toString() {
        return "ServiceCredential[" + name + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceCredential c && name.equals(c.name) && java.util.Arrays.equals(digest, c.digest);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}

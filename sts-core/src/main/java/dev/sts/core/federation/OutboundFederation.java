package dev.sts.core.federation;

import java.time.Instant;
import java.util.Objects;

/**
 * An account's outbound web identity federation (IAM EnableOutboundWebIdentityFederation): while it exists, the
 * account's principals may call GetWebIdentityToken, and federation-service publishes the discovery document and
 * JWKS under {@code issuerIdentifier}.
 *
 * @param account          the account
 * @param issuerIdentifier the issuer URL the account's tokens carry in {@code iss}; unique per account, random
 * @param enabledAt        when it was switched on
 */
public record OutboundFederation(String account, String issuerIdentifier, Instant enabledAt) {
    public OutboundFederation {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(issuerIdentifier, "issuerIdentifier");
        Objects.requireNonNull(enabledAt, "enabledAt");
    }
}

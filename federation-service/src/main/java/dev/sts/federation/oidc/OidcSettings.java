package dev.sts.federation.oidc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How web identity tokens are validated and issuers' keys fetched: the service's configuration as one plain record,
 * so this package needs no framework.
 *
 * @param allowLoopbackHttpIssuers also accept {@code http://127.0.0.1:PORT/…} and {@code http://localhost:PORT/…}
 *                                 issuers and key URLs (local profile only)
 * @param caBundle                 a PEM file of CA certificates trusted beside the system trust store
 * @param outboundIssuerBase       this platform's own outbound issuer base: tokens under {@code <base>/outbound/} are refused
 * @param clockSkew                tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param connectTimeout           connecting to an issuer
 * @param fetchTimeout             one fetch (discovery or JWKS), headers and body
 * @param maxResponseBytes         the largest discovery document or JWKS read
 * @param maxConcurrentFetches     fetches in flight at once, all issuers together
 * @param jwksTtl                  how long fetched keys are used
 * @param minRefreshInterval       the least time between two unknown-{@code kid} refreshes of one issuer
 * @param failureTtl               how long a failed fetch is remembered
 */
public record OidcSettings(boolean allowLoopbackHttpIssuers, Optional<Path> caBundle, String outboundIssuerBase,
                           Duration clockSkew, Duration connectTimeout, Duration fetchTimeout, int maxResponseBytes,
                           int maxConcurrentFetches, Duration jwksTtl, Duration minRefreshInterval, Duration failureTtl) {
    public OidcSettings {
        Objects.requireNonNull(caBundle, "caBundle");
        Objects.requireNonNull(outboundIssuerBase, "outboundIssuerBase");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(fetchTimeout, "fetchTimeout");
        Objects.requireNonNull(jwksTtl, "jwksTtl");
        Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
        Objects.requireNonNull(failureTtl, "failureTtl");
        if (maxResponseBytes < 1024 || maxConcurrentFetches < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024 and maxConcurrentFetches at least 1");
        }
    }
}

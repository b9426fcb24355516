package dev.sts.federation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * federation-service settings for the inbound side (validating web identity tokens) and the service as a whole; each
 * key can be set as an environment variable ({@code STS_FEDERATION_CLOCK_SKEW}, ...). The outbound side
 * (GetWebIdentityToken's keys) has its own mapping under {@code sts.outbound}.
 */
@ConfigMapping(prefix = "sts")
public interface FederationServiceConfig {
    IamCache iamCache();

    Federation federation();

    /** Who may call this service's private APIs. */
    Credentials credentials();

    interface IamCache {
        /**
         * The longest federation-service decides on a cached IAM record (an OIDC provider, an account's outbound
         * federation) after it was read from Redis. Change events on iam.changes.v1 clear the cache at once; this
         * bounds how long a lost event can leave a deleted provider trusted.
         */
        @WithDefault("5s")
        Duration maxStaleness();

        /** The most the cached IAM records may weigh, in bytes of their text (keys and values, counted as UTF-16). */
        @WithDefault("16777216")
        long maxBytes();
    }

    interface Credentials {
        /**
         * The internal API ({@code /internal/*}, header {@code X-Sts-Federation-Token}): token-service's credentials
         * ({@code STS_FEDERATION_TOKEN}, {@code token-service.<secret>}); only their SHA-256 digests are kept.
         */
        List<String> federation();
    }

    interface Federation {
        /**
         * Whether an issuer may also be {@code http://127.0.0.1:PORT/...} or {@code http://localhost:PORT/...} (and
         * its {@code jwks_uri} plain http on loopback): for developers and tests on one machine. Off in production,
         * where issuers are https as on AWS.
         */
        @WithDefault("false")
        boolean allowLoopbackHttpIssuers();

        /** A PEM file of CA certificates trusted for issuers' https, beside the system trust store (a private CA). */
        Optional<Path> caBundle();

        /**
         * The base of this platform's own outbound issuers ({@code <base>/outbound/<id>}, as policy-service's key of the
         * same name): tokens from GetWebIdentityToken are refused here, as AWS refuses its own.
         */
        @WithDefault("http://127.0.0.1:8091")
        String outboundIssuerBase();

        /**
         * How far a token's {@code exp}, {@code nbf} and {@code iat} may be off from this service's clock and still be
         * accepted.
         */
        @WithDefault("60s")
        Duration clockSkew();

        Http http();

        Jwks jwks();
    }

    interface Http {
        /** How long to wait for a TCP (and TLS) connection to an issuer. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** The most one fetch from an issuer (discovery document or JWKS, headers and body) may take. */
        @WithDefault("3s")
        Duration timeout();

        /** The largest discovery document or JWKS read from an issuer; a larger one is an IDPCommunicationError. */
        @WithDefault("65536")
        int maxResponseBytes();

        /** Fetches from issuers in flight at once, all issuers together; more wait briefly, then fail. */
        @WithDefault("8")
        int maxConcurrentFetches();
    }

    interface Jwks {
        /** How long an issuer's fetched keys are used before they are fetched again. */
        @WithDefault("10m")
        Duration ttl();

        /**
         * The least time between two fetches of one issuer's keys caused by a token whose {@code kid} is unknown, so
         * made-up key ids cannot make this service hammer an issuer.
         */
        @WithDefault("30s")
        Duration minRefreshInterval();

        /**
         * How long a failed fetch is remembered: tokens of that issuer are refused with IDPCommunicationError at
         * once meanwhile, so a hanging or failing issuer costs each caller no time.
         */
        @WithDefault("5s")
        Duration failureTtl();
    }
}

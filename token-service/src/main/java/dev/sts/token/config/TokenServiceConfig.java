package dev.sts.token.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** token-service settings; each key can be set as an environment variable (STS_TOKEN_KEYS, …). */
@ConfigMapping(prefix = "sts")
public interface TokenServiceConfig {
    /** The region this endpoint serves and signs for; the global endpoint is us-east-1. */
    @WithDefault("us-east-1")
    String region();

    /** Where session records live: {@code redis}, or {@code memory} (this process only; for machines without Redis). */
    @WithDefault("redis")
    StoreKind store();

    /**
     * The session-token key ring, {@code id:base64(32 bytes)[,id:base64…]}. The first key seals new
     * tokens, all of them open tokens. Every instance must share it.
     */
    String tokenKeys();

    /**
     * This service's key-resolution credential ({@code <name>.<secret>}, env {@code STS_KEY_RESOLUTION_TOKEN}),
     * presented to policy-service's {@code /internal/*} in {@code X-Sts-Internal-Token}.
     */
    String keyResolutionToken();

    /** Who may call this service's private APIs. */
    Credentials credentials();

    /** Service credentials, each a token {@code <name>.<secret>}; only their SHA-256 digests are kept in memory. */
    interface Credentials {
        /** The admin API on the management port (header {@code X-Sts-Admin-Token}): operators' tokens ({@code STS_ADMIN_TOKEN}). */
        java.util.List<String> admin();
    }

    PolicyService policyService();

    /**
     * This service's federation credential ({@code token-service.<secret>}, env {@code STS_FEDERATION_TOKEN}),
     * presented to federation-service's {@code /internal/*} in {@code X-Sts-Federation-Token}.
     */
    String federationToken();

    /** federation-service, which validates web identity tokens for AssumeRoleWithWebIdentity. */
    FederationService federationService();

    /**
     * Whether this endpoint is the global one ({@code sts.amazonaws.com}): there GetWebIdentityToken is refused, as
     * AWS refuses it ("not available on the STS Global endpoint"), and callers must use a regional endpoint.
     */
    @WithDefault("false")
    boolean globalEndpoint();

    CredentialCache credentialCache();

    RateLimit rateLimit();

    Mfa mfa();

    IamCache iamCache();

    interface Mfa {
        /**
         * Wrong MFA codes one device may take within {@link #lockoutWindow()} of the first; the next attempt, even
         * with the right code, is refused like a wrong one until the window ends. Counted in Redis, for every instance.
         */
        @WithDefault("5")
        int maxFailures();

        /** How long a device's failures are counted from the first, and so the longest a lockout lasts. */
        @WithDefault("15m")
        Duration lockoutWindow();
    }

    interface IamCache {
        /**
         * The longest token-service decides on a cached IAM record (role, user, policy) after it was
         * read from Redis. Change events on iam.changes.v1 clear the cache at once; this bounds how long a lost
         * event can leave a removed grant in force.
         */
        @WithDefault("5s")
        Duration maxStaleness();

        /** The most the cached IAM records may weigh, in bytes of their text (keys and values, counted as UTF-16). */
        @WithDefault("67108864")
        long maxBytes();
    }

    interface RateLimit {
        /** Sustained requests per second allowed to one account for one action; generous by default, tune per deployment. */
        @WithDefault("20000")
        double requestsPerSecond();

        /** Requests one account may make at once for one action before the sustained rate applies. */
        @WithDefault("40000")
        int burst();

        /** Per-action overrides: {@code sts.rate-limit.actions."AssumeRole".requests-per-second=500}. */
        java.util.Map<String, ActionLimit> actions();

        interface ActionLimit {
            double requestsPerSecond();

            int burst();
        }
    }

    interface FederationService {
        /** Base URL of federation-service's internal API. */
        @WithDefault("http://127.0.0.1:8091")
        URI url();

        /**
         * How long to wait for federation-service before answering ServiceUnavailable: longer than federation-service's
         * own wait for an issuer's keys, so that an issuer that hangs is answered IDPCommunicationError, not this.
         */
        @WithDefault("5s")
        Duration timeout();
    }

    interface PolicyService {
        /** Base URL of policy-service, which resolves long-term access keys. */
        @WithDefault("http://127.0.0.1:8090")
        URI url();

        /** How long to wait for policy-service before answering ServiceUnavailable. */
        @WithDefault("2s")
        Duration timeout();
    }

    interface CredentialCache {
        /**
         * How long a resolved long-term key (the signing key policy-service derived for one date, region and service;
         * never the secret) is kept when no change event arrives (a safety net; events invalidate at
         * once): the longest a deleted or deactivated key stays usable if its event is lost. As short as the IAM
         * view's {@code iam-cache.max-staleness}; a refresh is one call to policy-service per key in use.
         */
        @WithDefault("5s")
        Duration ttl();

        /** How long an unknown key id is remembered, so made-up ids cannot flood policy-service. */
        @WithDefault("5s")
        Duration unknownTtl();

        /** At most this many derived keys are cached (one per key id and scope in use). */
        @WithDefault("100000")
        int maxEntries();
    }

    enum StoreKind { redis, memory }
}

package dev.sts.policy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** policy-service settings; every key can also be set as an environment variable (STS_BOOTSTRAP_FILE, …). */
@ConfigMapping(prefix = "sts")
public interface PolicyServiceConfig {
    /** Where IAM state lives: {@code redis}, or {@code memory} (one process only, lost on restart; for machines without Redis). */
    @WithDefault("redis")
    StoreKind store();

    /** The declarative bootstrap file (YAML) seeded at start; nothing is seeded when unset. */
    Optional<Path> bootstrapFile();

    /** Who may call the private APIs: one list of credentials per scope (see the README's "Service credentials"). */
    Credentials credentials();

    /**
     * The session-token key ring shared with token-service ({@code id:base64(32 bytes)[,…]}), so IAM
     * calls signed with temporary credentials are verified here without a lookup.
     */
    String tokenKeys();

    /**
     * The key-encryption key ring ({@code STS_KEK}: {@code id:base64(32 bytes)[,…]}, the first active) that seals
     * access-key secrets and MFA seeds at rest in Redis. Required: policy-service refuses to start without it.
     * Only policy-service holds it; to rotate, put the new key first, restart, rewrap, then drop the old key.
     */
    Optional<String> kek();

    /** How fast one account may call one IAM action; a call beyond it is answered {@code Throttling}, as AWS answers it. */
    IamRateLimit iamRateLimit();

    /** Key resolution for token-service: which SigV4 signing keys the internal API derives. */
    KeyResolution keyResolution();

    /** OpenID Connect providers and outbound web identity federation, as the IAM API registers them. */
    Federation federation();

    enum StoreKind { redis, memory }

    interface Federation {
        /**
         * Beyond AWS, for developers and tests only: CreateOpenIDConnectProvider also accepts plain-http issuers on a
         * loopback host name ({@code http://127.0.0.1:PORT/…}, {@code http://localhost:PORT/…}), so an issuer can run
         * on the developer's machine. Never plain http to any other host; keep false in production (https only, as AWS).
         */
        @WithDefault("false")
        boolean allowLoopbackHttpIssuers();

        /**
         * The base URL under which relying parties reach federation-service's public outbound issuer endpoints:
         * EnableOutboundWebIdentityFederation gives an account the issuer {@code <base>/outbound/<32 random hex>}.
         * In production an https URL of the public ingress.
         */
        @WithDefault("http://127.0.0.1:8091")
        String outboundIssuerBase();
    }

    interface KeyResolution {
        /**
         * The regions of the STS endpoints that resolve keys here: a signing key is derived only for a scope naming
         * one of them, for today's UTC date or the day either side, for sts, iam or cloudtrail.
         */
        @WithDefault("us-east-1")
        java.util.Set<String> regions();
    }

    /** Service credentials, each a token {@code <name>.<secret>}; only their SHA-256 digests are kept in memory. */
    interface Credentials {
        /**
         * Key resolution ({@code /internal/*}, header {@code X-Sts-Internal-Token}): one token per service that
         * verifies long-term-key signatures (token-service: {@code STS_KEY_RESOLUTION_TOKEN}); comma-separated.
         */
        java.util.List<String> keyResolution();

        /** The admin API on the management port (header {@code X-Sts-Admin-Token}): operators' tokens ({@code STS_ADMIN_TOKEN}). */
        java.util.List<String> admin();

        /**
         * Authorize clients set up with the deployment rather than through the admin API (such as audit-service's
         * {@code STS_AUTHORIZE_TOKEN}); comma-separated. Clients created at runtime live in Redis.
         */
        Optional<java.util.List<String>> authorize();
    }

    interface IamRateLimit {
        /** Sustained IAM calls per second allowed to one account for one action, shared by every instance. */
        @WithDefault("100")
        double requestsPerSecond();

        /** Calls one account may make at once for one action before the sustained rate applies. */
        @WithDefault("200")
        int burst();

        /** Per-action overrides: {@code sts.iam-rate-limit.actions."CreateUser".requests-per-second=5}. */
        java.util.Map<String, ActionLimit> actions();

        interface ActionLimit {
            /** Sustained calls per second for this action. */
            double requestsPerSecond();

            /** Calls at once for this action. */
            int burst();
        }
    }
}

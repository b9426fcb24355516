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

    /** The shared secret other services present to the internal API; keep it out of public ingress. */
    String internalToken();

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

    enum StoreKind { redis, memory }

    interface KeyResolution {
        /**
         * The regions of the STS endpoints that resolve keys here: a signing key is derived only for a scope naming
         * one of them, for today's UTC date or the day either side, for sts, iam or cloudtrail.
         */
        @WithDefault("us-east-1")
        java.util.Set<String> regions();
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

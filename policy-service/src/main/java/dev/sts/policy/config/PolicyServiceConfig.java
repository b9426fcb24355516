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

    enum StoreKind { redis, memory }
}

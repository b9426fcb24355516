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

    enum StoreKind { redis, memory }
}

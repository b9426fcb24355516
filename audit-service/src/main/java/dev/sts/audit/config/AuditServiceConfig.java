package dev.sts.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

/** audit-service settings; each key can be set as an environment variable (STS_AUDIT_ARCHIVE_DIR, …). */
@ConfigMapping(prefix = "sts.audit")
public interface AuditServiceConfig {
    /** The directory of the archive: one JSON-lines file per UTC day of event time. */
    @WithDefault("audit-archive")
    Path archiveDir();

    /** How many recent event ids are remembered to drop redelivered events. */
    @WithDefault("100000")
    int dedupWindow();

    /**
     * The region of this endpoint: a query's SigV4 scope must name it (service {@code cloudtrail}), as AWS requires
     * of a regional endpoint.
     */
    @WithDefault("us-east-1")
    String region();
}

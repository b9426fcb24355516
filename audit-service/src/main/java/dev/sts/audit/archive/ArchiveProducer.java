package dev.sts.audit.archive;

import dev.sts.audit.config.AuditServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
public class ArchiveProducer {
    @Produces
    @Singleton
    FileAuditArchive archive(AuditServiceConfig config) {
        return new FileAuditArchive(config.archiveDir(), config.dedupWindow());
    }
}

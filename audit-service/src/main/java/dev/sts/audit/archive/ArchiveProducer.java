package dev.sts.audit.archive;

import dev.sts.audit.config.AuditServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

@ApplicationScoped
public class ArchiveProducer {
    @Produces
    @Singleton
    FileAuditArchive archive(AuditServiceConfig config) {
        return new FileAuditArchive(config.archiveDir(), config.dedupWindow());
    }

    /** At shutdown the open day files are closed; a batch still arriving then is refused, not acknowledged. */
    void close(@Disposes FileAuditArchive archive) {
        archive.close();
    }
}

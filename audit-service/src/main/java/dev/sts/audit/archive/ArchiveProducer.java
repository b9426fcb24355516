package dev.sts.audit.archive;

import dev.sts.audit.config.AuditServiceConfig;
import dev.sts.core.audit.AuditRecordValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

@ApplicationScoped
public class ArchiveProducer {
    @Produces
    @Singleton
    FileAuditArchive archive(AuditServiceConfig config) {
        return new FileAuditArchive(config.archiveDir(), config.dedupWindow());
    }

    /** The rules a record meets before it is archived, against the wall clock. */
    @Produces
    @Singleton
    AuditRecordValidator validator() {
        return new AuditRecordValidator(Clock.systemUTC());
    }

    /** At shutdown the open day files are closed; a batch still arriving then is refused, not acknowledged. */
    void close(@Disposes FileAuditArchive archive) {
        archive.close();
    }
}

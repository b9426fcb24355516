package dev.sts.audit.messaging;

import dev.sts.audit.archive.ArchivedEvent;
import dev.sts.audit.archive.FileAuditArchive;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Archives every record of {@code sts.audit.v1}. A record that is not an audit event is refused, and
 * the channel's dead-letter strategy moves it to {@code sts.audit.v1.dlq} instead of blocking the stream.
 */
@ApplicationScoped
public class AuditEventConsumer {
    private static final Logger LOG = Logger.getLogger(AuditEventConsumer.class);
    private final FileAuditArchive archive;

    AuditEventConsumer(FileAuditArchive archive) {
        this.archive = archive;
    }

    @Incoming("audit-in")
    @Blocking
    public void onEvent(String json) {
        ArchivedEvent event = ArchivedEvent.parse(json)
                .orElseThrow(() -> new IllegalArgumentException("not an audit event; sent to the dead-letter topic"));
        if (!archive.append(event)) {
            LOG.debugf("Audit event %s was already archived", event.eventId());
        }
    }
}

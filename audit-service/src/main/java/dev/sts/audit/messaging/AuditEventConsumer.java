package dev.sts.audit.messaging;

import dev.sts.audit.archive.ArchivedEvent;
import dev.sts.audit.archive.FileAuditArchive;
import dev.sts.core.audit.AuditRecordValidator;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Archives {@code sts.audit.v1} one poll's batch at a time, so the archive forces its files once per batch
 * instead of once per event. Records that fail {@link AuditRecordValidator} go to the dead-letter topic with the
 * reason; the events around them are archived all the same, so one poison record never stops the archive.
 *
 * <p>The batch is acknowledged (its offsets committed) only when this method returns: after every event of it
 * is on disk and every dead letter is on the broker. If either fails, the method throws, the batch is not
 * acknowledged, and the channel's failure strategy stops the consumer; a restart reads it again.
 */
@ApplicationScoped
public class AuditEventConsumer {
    private static final Logger LOG = Logger.getLogger(AuditEventConsumer.class);
    private final FileAuditArchive archive;
    private final DeadLetterPublisher deadLetters;
    private final AuditRecordValidator validator;

    AuditEventConsumer(FileAuditArchive archive, DeadLetterPublisher deadLetters, AuditRecordValidator validator) {
        this.archive = archive;
        this.deadLetters = deadLetters;
        this.validator = validator;
    }

    @Incoming("audit-in")
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Blocking
    public void onBatch(ConsumerRecords<String, String> records) {
        List<ArchivedEvent> events = new ArrayList<>(records.count());
        List<DeadLetterPublisher.Refused> notEvents = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            AuditRecordValidator.Result result = validator.validate(record.value());
            if (result.valid()) {
                events.add(ArchivedEvent.of(record.value(), result.record()));
            } else {
                notEvents.add(new DeadLetterPublisher.Refused(record, result.reason()));
            }
        }
        // In flight while the archive writes; both must be done before the batch is acknowledged.
        CompletableFuture<Void> deadLettered = deadLetters.publish(notEvents);
        int archived = archive.append(events);
        deadLettered.join();
        if (!notEvents.isEmpty()) {
            ConsumerRecord<String, String> first = notEvents.get(0).record();
            LOG.warnf("Sent %d record(s) that are not valid audit events to the dead-letter topic, the first from %s-%d"
                    + " at offset %d (%s)", notEvents.size(), first.topic(), first.partition(), first.offset(),
                    notEvents.get(0).reason());
        }
        if (archived < events.size()) {
            LOG.debugf("%d audit event(s) of the batch were already archived", events.size() - archived);
        }
    }
}

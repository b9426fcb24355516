package dev.sts.audit.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Moves records that are not valid audit events ({@link dev.sts.core.audit.AuditRecordValidator}) to {@code sts.audit.v1.dlq} (channel {@code audit-dead-letters}),
 * with their key and headers and the {@code dead-letter-*} headers the connector's own dead-letter strategy
 * writes. In batch mode that strategy would move the whole batch, valid events included, so the consumer
 * sends the bad records here itself.
 */
@ApplicationScoped
public class DeadLetterPublisher {
    @Inject
    @Channel("audit-dead-letters")
    // Unbounded is bounded in practice: the consumer waits for one batch's dead letters before the next batch.
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    MutinyEmitter<String> emitter;

    /** A record refused by the archive, and why (the rule it broke, never a value it carried). */
    public record Refused(ConsumerRecord<String, String> record, String reason) {
    }

    /** Completes when the broker has acknowledged every record, or fails with the first refusal. */
    public CompletableFuture<Void> publish(List<Refused> refused) {
        if (refused.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Uni<Void>> sends = refused.stream()
                .map(letter -> emitter.sendMessage(deadLetter(letter.record(), letter.reason()))).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid().subscribeAsCompletionStage();
    }

    private static OutgoingKafkaRecord<String, String> deadLetter(ConsumerRecord<String, String> record, String reason) {
        OutgoingKafkaRecord<String, String> letter = KafkaRecord.of(record.key(), record.value());
        for (Header header : record.headers()) {
            letter = letter.withHeader(header.key(), header.value());
        }
        return letter.withHeader("dead-letter-reason", reason)
                .withHeader("dead-letter-topic", record.topic())
                .withHeader("dead-letter-partition", Integer.toString(record.partition()))
                .withHeader("dead-letter-offset", Long.toString(record.offset()));
    }
}

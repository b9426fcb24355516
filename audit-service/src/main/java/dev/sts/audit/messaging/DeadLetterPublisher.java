package dev.sts.audit.messaging;

import dev.sts.core.audit.AuditRecordValidator;
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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * A value larger than any audit record is dead-lettered as its first {@link #KEPT_OF_OVERSIZE} characters with its
     * size and SHA-256: the whole of it, plus the headers added here, could exceed what the broker accepts, and a
     * dead letter that cannot be sent would stop the archiver on the same batch for good.
     */
    public static final int KEPT_OF_OVERSIZE = 4096;
    /** The original headers are kept while they are small; a record's headers have no other bound. */
    static final int MAX_KEPT_HEADER_BYTES = 16 * 1024;

    static OutgoingKafkaRecord<String, String> deadLetter(ConsumerRecord<String, String> record, String reason) {
        String value = record.value() == null ? "" : record.value();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        boolean oversize = bytes.length > AuditRecordValidator.MAX_RECORD_BYTES;
        OutgoingKafkaRecord<String, String> letter = KafkaRecord.of(record.key(),
                oversize ? value.substring(0, Math.min(value.length(), KEPT_OF_OVERSIZE)) : record.value());
        if (oversize) {
            letter = letter.withHeader("dead-letter-original-bytes", Integer.toString(bytes.length))
                    .withHeader("dead-letter-original-sha256", sha256(bytes));
        }
        int headerBytes = 0;
        for (Header header : record.headers()) {
            headerBytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        if (headerBytes <= MAX_KEPT_HEADER_BYTES) {
            for (Header header : record.headers()) {
                letter = letter.withHeader(header.key(), header.value());
            }
        } else {
            letter = letter.withHeader("dead-letter-headers-dropped", Integer.toString(headerBytes));
        }
        return letter.withHeader("dead-letter-reason", reason)
                .withHeader("dead-letter-topic", record.topic())
                .withHeader("dead-letter-partition", Integer.toString(record.partition()))
                .withHeader("dead-letter-offset", Long.toString(record.offset()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

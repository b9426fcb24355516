package dev.sts.audit.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.audit.AuditRecordValidator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One audit record as the archive sees it: the original JSON, kept byte for byte, and the few fields
 * it files and finds it by.
 */
public record ArchivedEvent(String json, String eventId, String requestId, String eventName, Instant eventTime,
                            String accountId) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A record from the topic that {@link AuditRecordValidator} accepted. */
    public static ArchivedEvent of(String json, AuditRecordValidator.ValidRecord valid) {
        return new ArchivedEvent(json, valid.eventId(), valid.requestId(), valid.eventName(), valid.eventTime(),
                valid.accountId());
    }

    /**
     * Reads back a line of the archive (validated when it was written). Empty when the text is not a
     * CloudTrail-shaped record with an eventID and an eventTime, such as a line a crash tore.
     */
    public static Optional<ArchivedEvent> parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.hasNonNull("eventID") || !node.hasNonNull("eventTime")) {
                return Optional.empty();
            }
            return Optional.of(new ArchivedEvent(json, node.get("eventID").asText(), text(node, "requestID"),
                    text(node, "eventName"), Instant.parse(node.get("eventTime").asText()),
                    text(node, "recipientAccountId")));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public LocalDate day() {
        return LocalDate.ofInstant(eventTime, ZoneOffset.UTC);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}

package dev.sts.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Writes an {@link AuditEvent} as a CloudTrail record (JSON), field names as CloudTrail spells them. */
public final class AuditEventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditEventJson() {
    }

    public static String toJson(AuditEvent event) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("eventVersion", AuditEvent.EVENT_VERSION);
        root.set("userIdentity", identity(event.userIdentity()));
        root.put("eventTime", iso(event.eventTime()));
        root.put("eventSource", event.eventSource());
        root.put("eventName", event.eventName());
        root.put("awsRegion", event.awsRegion());
        root.put("sourceIPAddress", event.sourceIpAddress());
        root.put("userAgent", event.userAgent());
        if (event.errorCode() != null) {
            root.put("errorCode", event.errorCode());
            root.put("errorMessage", event.errorMessage());
        }
        root.set("requestParameters", tree(event.requestParameters()));
        root.set("responseElements", tree(event.responseElements()));
        root.put("requestID", event.requestId());
        root.put("eventID", event.eventId());
        root.put("readOnly", event.readOnly());
        root.put("eventType", "AwsApiCall");
        root.put("managementEvent", true);
        if (event.recipientAccountId() != null) {
            root.put("recipientAccountId", event.recipientAccountId());
        }
        root.put("eventCategory", "Management");
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit event is not serializable", e);
        }
    }

    private static ObjectNode identity(AuditIdentity id) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", id.type());
        putIfPresent(node, "principalId", id.principalId());
        putIfPresent(node, "arn", id.arn());
        putIfPresent(node, "accountId", id.accountId());
        putIfPresent(node, "accessKeyId", id.accessKeyId());
        putIfPresent(node, "userName", id.userName());
        putIfPresent(node, "identityProvider", id.identityProvider());
        if (id.sessionIssuedAt() != null) {
            ObjectNode attributes = node.putObject("sessionContext").putObject("attributes");
            attributes.put("creationDate", iso(id.sessionIssuedAt()));
            attributes.put("mfaAuthenticated", String.valueOf(Boolean.TRUE.equals(id.mfaAuthenticated())));
        }
        return node;
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(Map<String, Object> map) {
        return map == null ? MAPPER.nullNode() : MAPPER.valueToTree(map);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** CloudTrail's timestamp form: second precision, UTC, trailing Z. */
    public static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}

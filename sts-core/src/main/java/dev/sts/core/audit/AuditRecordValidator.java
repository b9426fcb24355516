package dev.sts.core.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules an audit record on {@code sts.audit.v1} must meet before it is archived: one strict JSON object on one
 * line, at most {@link #MAX_RECORD_BYTES}, with the CloudTrail fields the producers ({@link AuditEventJson}) always
 * write, each well formed, and an {@code eventTime} inside a sane window. A record that fails is answered with the
 * reason, never an exception, so the consumer can dead-letter it and carry on: one poison record must never stop
 * the archive.
 *
 * <p>The window: not before {@link #EARLIEST_EVENT_TIME} (this platform has written no event before it) and not more
 * than {@link #MAX_FUTURE_SKEW} after the validator's clock (the producers stamp events with their own clocks;
 * more skew than that is a broken or forged producer). Events from the past inside the window are accepted, so an
 * archive can be replayed from the topic.
 *
 * <p>Reasons name the rule and the field, never the field's value: a dead-letter reason is read by operators and
 * must not carry what a forged record put in it.
 */
public final class AuditRecordValidator {
    /** CloudTrail's own limit for one event. */
    public static final int MAX_RECORD_BYTES = 256 * 1024;
    public static final Instant EARLIEST_EVENT_TIME = Instant.parse("2020-01-01T00:00:00Z");
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(15);

    private static final Pattern EVENT_VERSION = Pattern.compile("\\d{1,2}\\.\\d{2}");
    /** ISO-8601 UTC with a four-digit year, as {@link AuditEventJson#iso} writes it (fractions tolerated). */
    private static final Pattern EVENT_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Pattern EVENT_SOURCE = Pattern.compile("[a-z0-9-]{1,63}(\\.[a-z0-9-]{1,63}){1,4}");
    /**
     * A refused call is audited with the action name it asked for, made printable (spaces kept, cut at 64
     * characters, empty when it sent an empty one): any printable ASCII, bounded, so no probe goes unarchived.
     */
    private static final Pattern EVENT_NAME = Pattern.compile("[\\x20-\\x7E]{0,128}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private final Clock clock;

    public AuditRecordValidator(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The fields of a valid record the archive files and finds it by; {@code accountId} is null when the event has none. */
    public record ValidRecord(String eventId, String requestId, String eventName, Instant eventTime, String accountId) {
    }

    /** Either the valid record's fields or the reason it is refused. */
    public record Result(ValidRecord record, String reason) {
        static Result refused(String reason) {
            return new Result(null, reason);
        }

        public boolean valid() {
            return record != null;
        }
    }

    /** @param json the record's value as it came off the topic; null is refused */
    public Result validate(String json) {
        if (json == null || json.isEmpty()) {
            return Result.refused("empty record");
        }
        // Cheap bound before any parsing: a char is at most 3 UTF-8 bytes, and at least one.
        if (json.length() > MAX_RECORD_BYTES || (json.length() * 3L > MAX_RECORD_BYTES
                && json.getBytes(StandardCharsets.UTF_8).length > MAX_RECORD_BYTES)) {
            return Result.refused("record larger than " + MAX_RECORD_BYTES + " bytes");
        }
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            // The archive keeps one record per line; producers write compact JSON.
            return Result.refused("record spans more than one line");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (Exception e) {
            return Result.refused("not strict JSON");
        }
        if (root == null || !root.isObject()) {
            return Result.refused("not a JSON object");
        }
        String problem = firstProblem(root);
        if (problem != null) {
            return Result.refused(problem);
        }
        Instant eventTime;
        try {
            eventTime = Instant.parse(root.get("eventTime").textValue());
        } catch (DateTimeParseException e) {
            return Result.refused("eventTime is not a valid UTC timestamp");
        }
        if (eventTime.isBefore(EARLIEST_EVENT_TIME)) {
            return Result.refused("eventTime is before " + EARLIEST_EVENT_TIME);
        }
        if (eventTime.isAfter(clock.instant().plus(MAX_FUTURE_SKEW))) {
            return Result.refused("eventTime is more than " + MAX_FUTURE_SKEW.toMinutes() + " minutes in the future");
        }
        JsonNode account = root.get("recipientAccountId");
        return new Result(new ValidRecord(root.get("eventID").textValue(), root.get("requestID").textValue(),
                root.get("eventName").textValue(), eventTime, account == null ? null : account.textValue()), null);
    }

    private static String firstProblem(JsonNode root) {
        String problem = text(root, "eventVersion", EVENT_VERSION);
        problem = problem != null ? problem : text(root, "eventTime", EVENT_TIME);
        problem = problem != null ? problem : text(root, "eventSource", EVENT_SOURCE);
        problem = problem != null ? problem : text(root, "eventName", EVENT_NAME);
        problem = problem != null ? problem : text(root, "requestID", ID);
        problem = problem != null ? problem : text(root, "eventID", ID);
        if (problem != null) {
            return problem;
        }
        JsonNode identity = root.get("userIdentity");
        if (identity == null || !identity.isObject()) {
            return "userIdentity is missing or not an object";
        }
        JsonNode account = root.get("recipientAccountId");
        if (account != null && !(account.isTextual() && ACCOUNT.matcher(account.textValue()).matches())) {
            // Absent for a call refused before its caller was known; when present it files the event under an account.
            return "recipientAccountId is not a 12-digit account id";
        }
        return null;
    }

    private static String text(JsonNode root, String field, Pattern form) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return field + " is missing";
        }
        if (!value.isTextual() || !form.matcher(value.textValue()).matches()) {
            return field + " is malformed";
        }
        return null;
    }
}

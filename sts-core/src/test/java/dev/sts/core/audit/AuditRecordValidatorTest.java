package dev.sts.core.audit;

import dev.sts.core.identity.CallerIdentity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRecordValidatorTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final AuditRecordValidator validator = new AuditRecordValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    /** What the producers write: the positive control for every refusal below. */
    private static String produced(Instant eventTime, String account) {
        CallerIdentity alice = CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ");
        return AuditEventJson.toJson(new AuditEvent(eventTime, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1",
                "127.0.0.1", "aws-cli", AuditIdentity.of(alice, "AKIAABCDEFGHIJKLMNOP", null, null), Map.of(), null,
                "5f0e8c1e-4a51-4c1b-9d0e-3b7f1d2e4a10", "0c7d3c4e-8e0f-4f57-a1a9-2d6b8e9f0a11", null, null, account, true));
    }

    private static String produced() {
        return produced(NOW, "111111111111");
    }

    @Test
    void acceptsWhatTheProducersWrite() {
        AuditRecordValidator.Result result = validator.validate(produced());
        assertThat(result.valid()).isTrue();
        assertThat(result.record().eventTime()).isEqualTo(NOW);
        assertThat(result.record().accountId()).isEqualTo("111111111111");
        assertThat(result.record().requestId()).isEqualTo("5f0e8c1e-4a51-4c1b-9d0e-3b7f1d2e4a10");
        assertThat(validator.validate(produced(NOW, null)).record().accountId()).isNull();
    }

    @Test
    void acceptsTheEventNameOfARefusedProbeAsThePipelineWritesIt() {
        String valid = produced();
        for (String name : new String[] {"Get Caller?Identity", "", "x".repeat(64)}) {
            assertThat(validator.validate(valid.replace("\"eventName\":\"GetCallerIdentity\"", "\"eventName\":\"" + name + "\""))
                    .valid()).as(name).isTrue();
        }
        assertThat(validator.validate(valid.replace("\"eventName\":\"GetCallerIdentity\"",
                "\"eventName\":\"" + "x".repeat(129) + "\"")).reason()).isEqualTo("eventName is malformed");
    }

    @Test
    void refusesTheEventTimeThatStoppedTheArchiver() {
        String poison = produced().replace("\"eventTime\":\"2026-12-07T12:00:00Z\"",
                "\"eventTime\":\"+1000000000-01-01T00:00:00Z\"");
        assertThat(poison).contains("+1000000000");
        assertThat(validator.validate(poison).reason()).isEqualTo("eventTime is malformed");
    }

    @Test
    void refusesAnEventTimeOutsideTheWindowAndAcceptsItsEdges() {
        assertThat(validator.validate(produced(Instant.parse("2019-12-31T23:59:59Z"), "111111111111")).reason())
                .isEqualTo("eventTime is before 2020-01-01T00:00:00Z");
        assertThat(validator.validate(produced(AuditRecordValidator.EARLIEST_EVENT_TIME, "111111111111")).valid()).isTrue();
        assertThat(validator.validate(produced(NOW.plusSeconds(15 * 60 + 1), "111111111111")).reason())
                .isEqualTo("eventTime is more than 15 minutes in the future");
        assertThat(validator.validate(produced(NOW.plusSeconds(15 * 60), "111111111111")).valid()).isTrue();
        String invalidDay = produced().replace("2026-12-07T12:00:00Z", "2026-02-30T12:00:00Z");
        assertThat(validator.validate(invalidDay).reason()).isEqualTo("eventTime is not a valid UTC timestamp");
    }

    @Test
    void refusesMissingOrMalformedRequiredFields() {
        String valid = produced();
        for (String field : new String[] {"eventVersion", "eventTime", "eventSource", "eventName", "requestID", "eventID"}) {
            String missing = valid.replace("\"" + field + "\":", "\"x" + field + "\":");
            assertThat(validator.validate(missing).reason()).as(field).isEqualTo(field + " is missing");
        }
        assertThat(validator.validate(valid.replace("\"eventVersion\":\"1.08\"", "\"eventVersion\":1.08")).reason())
                .isEqualTo("eventVersion is malformed");
        assertThat(validator.validate(valid.replace("\"eventName\":\"GetCallerIdentity\"", "\"eventName\":\"a\\u0000b\""))
                .reason()).isEqualTo("eventName is malformed");
        assertThat(validator.validate(valid.replace("\"recipientAccountId\":\"111111111111\"",
                "\"recipientAccountId\":\"../../etc\"")).reason()).isEqualTo("recipientAccountId is not a 12-digit account id");
        assertThat(validator.validate(valid.replace("\"userIdentity\":{", "\"userIdentityX\":{")).reason())
                .isEqualTo("userIdentity is missing or not an object");
    }

    @Test
    void refusesJsonThatIsNotStrictOrNotOneObjectOnOneLine() {
        String valid = produced();
        assertThat(validator.validate("not json").reason()).isEqualTo("not strict JSON");
        assertThat(validator.validate(valid + "{}").reason()).isEqualTo("not strict JSON");
        assertThat(validator.validate("[" + valid + "]").reason()).isEqualTo("not a JSON object");
        assertThat(validator.validate(valid.replace("{\"eventVersion\":\"1.08\"",
                "{\"eventVersion\":\"1.08\",\"eventVersion\":\"1.08\"")).reason()).isEqualTo("not strict JSON");
        assertThat(validator.validate(valid.replace(",\"eventSource\"", ",\n\"eventSource\"")).reason())
                .isEqualTo("record spans more than one line");
        assertThat(validator.validate("").reason()).isEqualTo("empty record");
        assertThat(validator.validate(null).reason()).isEqualTo("empty record");
    }

    @Test
    void refusesARecordLargerThanTheLimitAndAcceptsOneAtIt() {
        String valid = produced();
        String padding = "\"pad\":\"";
        String atLimit = valid.replace("{\"eventVersion\"", "{" + padding
                + "x".repeat(AuditRecordValidator.MAX_RECORD_BYTES - valid.length() - padding.length() - 2) + "\",\"eventVersion\"");
        assertThat(atLimit.length()).isEqualTo(AuditRecordValidator.MAX_RECORD_BYTES);
        assertThat(validator.validate(atLimit).valid()).isTrue();
        String multiByte = atLimit.replace("xxx", "\u00e9xx");
        assertThat(validator.validate(multiByte).reason()).isEqualTo("record larger than 262144 bytes");
        assertThat(validator.validate(atLimit.replace("{\"pad\"", "{\"padx\"")).reason())
                .isEqualTo("record larger than 262144 bytes");
    }
}

package dev.sts.core.policy.condition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyDatesTest {
    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void readsTheW3cProfilesEpochSecondsAndTheBasicForm() {
        assertThat(PolicyDates.parse("2020")).isEqualTo(millis("2020-01-01T00:00:00Z"));
        assertThat(PolicyDates.parse("2020-02")).isEqualTo(millis("2020-02-01T00:00:00Z"));
        assertThat(PolicyDates.parse("2020-02-29")).isEqualTo(millis("2020-02-29T00:00:00Z"));
        assertThat(PolicyDates.parse("2020-02-29T10:15Z")).isEqualTo(millis("2020-02-29T10:15:00Z"));
        assertThat(PolicyDates.parse("2020-02-29T10:15:30Z")).isEqualTo(millis("2020-02-29T10:15:30Z"));
        assertThat(PolicyDates.parse("2020-02-29T10:15:30.25+02:00")).isEqualTo(millis("2020-02-29T08:15:30.250Z"));
        assertThat(PolicyDates.parse("2020-02-29T10:15:30-0130")).isEqualTo(millis("2020-02-29T11:45:30Z"));
        assertThat(PolicyDates.parse("2020-02-29T10:15:30")).isEqualTo(millis("2020-02-29T10:15:30Z"));
        assertThat(PolicyDates.parse("20130930T231548Z")).isEqualTo(millis("2013-09-30T23:15:48Z"));
        assertThat(PolicyDates.parse("1700000000")).isEqualTo(1_700_000_000_000L);
        assertThat(PolicyDates.parse("0")).isEqualTo(0L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tomorrow", "2020-13-01", "2021-02-29", "2020-01-01T25:00:00Z", "2020-01-01T10:15:30+19:00",
            "2020-01-01T10:15:30.1234567890Z", "2020-01-01 10:15:30Z", "2020-1-1", "1234567890123", "-5", "2020-01-01T10:15:30Zjunk"})
    void refusesWhatIsNotADate(String text) {
        assertThat(PolicyDates.parse(text)).isNull();
    }
}

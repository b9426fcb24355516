package dev.sts.core.mfa;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotpTest {
    /** RFC 6238's SHA-1 seed, the ASCII digits "12345678901234567890". */
    private static final String RFC_SEED = Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private final Totp totp = new Totp();

    /** RFC 6238 appendix B, SHA-1: the eight-digit codes end in the six-digit ones. */
    @ParameterizedTest
    @CsvSource({
            "59,94287082",
            "1111111109,07081804",
            "1111111111,14050471",
            "1234567890,89005924",
            "2000000000,69279037",
            "20000000000,65353130"})
    void matchesTheRfc6238Sha1Vectors(long epochSeconds, String eightDigits) {
        String expected = eightDigits.substring(2);
        Instant t = Instant.ofEpochSecond(epochSeconds);

        assertThat(totp.codeAt(RFC_SEED, t)).isEqualTo(expected);
        assertThat(totp.verify(RFC_SEED, expected, t, 0)).isTrue();
        assertThat(totp.matchingStep(RFC_SEED, expected, t, 1)).isEqualTo(OptionalLong.of(epochSeconds / 30));
    }

    @Test
    void theSeedIsTheRfcSeedInBase32() {
        assertThat(RFC_SEED).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    void aCodeStaysValidForItsWholeStep() {
        Instant start = Instant.ofEpochSecond(1_111_111_110); // a step boundary
        String code = totp.codeAt(RFC_SEED, start);
        assertThat(totp.codeAt(RFC_SEED, start.plusSeconds(29))).isEqualTo(code);
        assertThat(totp.codeAt(RFC_SEED, start.plusSeconds(30))).isNotEqualTo(code);
    }

    @Test
    void driftWidensTheWindowBothWays() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long current = Totp.stepOf(now);
        String previous = totp.codeAtStep(RFC_SEED, current - 1);
        String next = totp.codeAtStep(RFC_SEED, current + 1);
        String twoAhead = totp.codeAtStep(RFC_SEED, current + 2);

        assertThat(totp.verify(RFC_SEED, previous, now, 0)).isFalse();
        assertThat(totp.matchingStep(RFC_SEED, previous, now, 1)).isEqualTo(OptionalLong.of(current - 1));
        assertThat(totp.matchingStep(RFC_SEED, next, now, 1)).isEqualTo(OptionalLong.of(current + 1));
        assertThat(totp.verify(RFC_SEED, twoAhead, now, 1)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "28708", "2870820", "28708a", " 287082", "287082 ", "-28708"})
    void refusesAnythingButSixDigits(String code) {
        assertThat(totp.verify(RFC_SEED, code, Instant.ofEpochSecond(59), 1)).isFalse();
    }

    @Test
    void refusesAWrongCode() {
        String right = totp.codeAt(RFC_SEED, Instant.ofEpochSecond(59));
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);
        assertThat(totp.verify(RFC_SEED, wrong, Instant.ofEpochSecond(59), 0)).isFalse();
    }

    @RepeatedTest(10)
    void newSeedsAreTwentyRandomBytesInBase32() {
        String seed = Totp.newBase32Seed();
        assertThat(seed).matches("[A-Z2-7]{32}");
        assertThat(Base32.decode(seed)).hasSize(20);
        assertThat(Totp.newBase32Seed()).isNotEqualTo(seed);
        assertThat(totp.codeAt(seed, Instant.now())).matches("\\d{6}");
    }

    @Test
    void aBrokenSeedIsRefusedWithoutBeingEchoed() {
        assertThatThrownBy(() -> totp.codeAt("not-a-seed!", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("not-a-seed");
    }
}

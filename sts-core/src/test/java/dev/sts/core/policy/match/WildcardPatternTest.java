package dev.sts.core.policy.match;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class WildcardPatternTest {

    @Test
    void matchesStarsAndQuestionMarks() {
        assertThat(WildcardPattern.of("s3:Get*", true).matches("s3:GetObject")).isTrue();
        assertThat(WildcardPattern.of("s3:Get*", true).matches("S3:GETOBJECT")).isTrue();
        assertThat(WildcardPattern.of("s3:Get*", false).matches("S3:GETOBJECT")).isFalse();
        assertThat(WildcardPattern.of("a?c", false).matches("abc")).isTrue();
        assertThat(WildcardPattern.of("a?c", false).matches("ac")).isFalse();
        assertThat(WildcardPattern.of("*", false).matches("")).isTrue();
        assertThat(WildcardPattern.of("", false).matches("")).isTrue();
        assertThat(WildcardPattern.of("a**b", false).matches("ab")).isTrue();
        assertThat(WildcardPattern.of("home/*/docs", false).matches("home/a/b/docs")).isTrue();
    }

    @Test
    void pathologicalPatternIsAnsweredWithoutBacktrackingBlowUp() {
        String text = "a".repeat(200_000);
        assertThat(WildcardPattern.of("a*a*a*a*a*b", false).matches(text)).isFalse();
        assertThat(WildcardPattern.of("a*a*a*a*a*b", false).matches(text + "b")).isTrue();
        assertThat(WildcardPattern.ofResource("arn:aws:s3:::a*a*a*a*a*b").matches("arn:aws:s3:::" + text)).isFalse();
        assertThat(WildcardPattern.ofResource("arn:aws:s3:::a*a*a*a*a*:b").matches("arn:aws:s3:::" + text + ":b")).isTrue();
        assertThat(WildcardPattern.ofResource("arn:aws:s3:::*a?a*a?a*b").matches("arn:aws:s3:::" + text)).isFalse();
    }

    @Test
    void resourcePatternsKeepWildcardsInsideTheirSegmentUnlessSegmentFinal() {
        assertThat(WildcardPattern.ofResource("arn:aws:logs:*:111122223333:log-group:*").matches(
                "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x")).isTrue();
        assertThat(WildcardPattern.ofResource("arn:aws:s3:::a*b").matches("arn:aws:s3:::a:b")).isFalse();
        assertThat(WildcardPattern.ofResource("arn:aws:s3:::a?b").matches("arn:aws:s3:::a:b")).isFalse();
        assertThat(WildcardPattern.ofResource("arn:aws:*").matches("arn:aws:s3:::bucket")).isTrue();
    }

    @Test
    void literalMarksDisableWildcards() {
        String text = "bucket/*";
        boolean[] literal = {false, false, false, false, false, false, false, true};
        WildcardPattern pattern = WildcardPattern.compile(text, literal, 0, text.length(), false, true);
        assertThat(pattern.matches("bucket/*")).isTrue();
        assertThat(pattern.matches("bucket/x")).isFalse();
    }

    /** Property: the glob agrees with an equivalent regular expression on random patterns and texts. */
    @Test
    void agreesWithARegularExpressionOnRandomInputs() {
        Random random = new Random(20240601L);
        String alphabet = "ab:*?";
        for (int i = 0; i < 20_000; i++) {
            String pattern = randomString(random, alphabet, 8);
            String text = randomString(random, "ab:", 10);
            boolean segmentAware = random.nextBoolean();
            WildcardPattern compiled = segmentAware ? WildcardPattern.ofResource(pattern) : WildcardPattern.of(pattern, false);
            assertThat(compiled.matches(text))
                    .as("pattern %s (segment-aware %s) on %s", pattern, segmentAware, text)
                    .isEqualTo(reference(pattern, segmentAware).matcher(text).matches());
        }
    }

    private static Pattern reference(String glob, boolean segmentAware) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                int end = i;
                while (end + 1 < glob.length() && glob.charAt(end + 1) == '*') {
                    end++;
                }
                boolean segmentFinal = end + 1 == glob.length() || glob.charAt(end + 1) == ':';
                regex.append(segmentAware && !segmentFinal ? "[^:]*" : ".*");
                i = end;
            } else if (c == '?') {
                regex.append(segmentAware ? "[^:]" : ".");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}

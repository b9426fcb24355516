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

    /** The same property over longer inputs, both cases of letters and segments longer than one 64-bit word. */
    @Test
    void agreesWithARegularExpressionOnLongerRandomInputsAndIgnoringCase() {
        Random random = new Random(20261207L);
        for (int i = 0; i < 20_000; i++) {
            String alphabet = random.nextInt(4) == 0 ? "aAbB:*?" : "aab:*?/";
            String pattern = randomString(random, alphabet, 24);
            String text = randomString(random, alphabet.replace("*", "").replace("?", ""), 40);
            if (random.nextInt(20) == 0) {
                pattern = "*" + "a".repeat(70 + random.nextInt(10)) + (random.nextBoolean() ? "b" : "?") + "*";
                text = "a".repeat(random.nextInt(200)) + (random.nextBoolean() ? "b" : "") + "a".repeat(random.nextInt(80));
            }
            boolean segmentAware = random.nextBoolean();
            boolean ignoreCase = !segmentAware && random.nextBoolean();
            WildcardPattern compiled = segmentAware ? WildcardPattern.ofResource(pattern) : WildcardPattern.of(pattern, ignoreCase);
            Pattern regex = reference(ignoreCase ? pattern.toLowerCase() : pattern, segmentAware);
            assertThat(compiled.matches(text))
                    .as("pattern %s (segment-aware %s, ignore case %s) on %s", pattern, segmentAware, ignoreCase, text)
                    .isEqualTo(regex.matcher(ignoreCase ? text.toLowerCase() : text).matches());
        }
    }

    /**
     * The attack of issue 9 (a resource pattern {@code *x*x…*y} against a long ARN, 25 s of CPU) and the
     * worst cases of the "retry from the last star" scan, counted in steps rather than timed: the work stays
     * within a small multiple of text + pattern, where the old matcher needed text × pattern.
     */
    @Test
    void worstCaseInputsCostStepsLinearInTextAndPattern() {
        String longArn = "arn:aws:s3:::" + "x".repeat(100_000);
        String starX = "*x".repeat(50_000) + "*y";
        String[][] cases = {
                {"arn:aws:s3:::" + starX, longArn},
                {"arn:aws:s3:::" + starX, longArn + "y"},
                {"arn:aws:s3:::*" + "a".repeat(5_000) + "b*", "arn:aws:s3:::" + "a".repeat(100_000)},
                {"*" + "a".repeat(60) + "b", "a".repeat(100_000)},
                {"*" + "a".repeat(5_000) + "b", "a".repeat(100_000)},
                {"*a?a*a?a*a?b*", "a".repeat(100_000)},
                {starX, "x".repeat(100_000)},
        };
        for (String[] c : cases) {
            for (WildcardPattern pattern : new WildcardPattern[]{WildcardPattern.ofResource(c[0]), WildcardPattern.of(c[0], true)}) {
                long n = c[1].length();
                long m = c[0].length();
                long words = (longestStarFreeRun(c[0]) + 63) / 64; // 1 for any realistic pattern
                assertThat(pattern.countSteps(c[1]))
                        .as("%s… on %s…", c[0].substring(0, Math.min(30, c[0].length())), c[1].substring(0, 30))
                        .isLessThanOrEqualTo(2 * (n + m) * words);
            }
        }
        assertThat(WildcardPattern.ofResource("arn:aws:s3:::" + starX).matches(longArn + "y")).isTrue();
        assertThat(WildcardPattern.ofResource("arn:aws:s3:::" + starX).matches(longArn)).isFalse();
        assertThat(WildcardPattern.of("*" + "a".repeat(5_000) + "b", false).matches("a".repeat(100_000) + "b")).isTrue();
    }

    /** Many text segments and pattern pieces (colons) stay cheap too: each group is tried at each segment once. */
    @Test
    void colonHeavyResourcePatternsAreDecidedCorrectly() {
        assertThat(WildcardPattern.ofResource("arn:aws:s3:::a:*:b?:c").matches("arn:aws:s3:::a:x:y:z:bq:c")).isTrue();
        assertThat(WildcardPattern.ofResource("arn:aws:s3:::a:*:b?:c").matches("arn:aws:s3:::a:x:y:z:b:c")).isFalse();
        assertThat(WildcardPattern.ofResource("arn:*:x*:y").matches("arn:a:b:x:xx:y")).isTrue();
        assertThat(WildcardPattern.ofResource("arn:*:x*y").matches("arn:a:b:x:xy")).isTrue();
        assertThat(WildcardPattern.ofResource("arn:*:x*y").matches("arn:a:b:x:y")).isFalse();
        assertThat(WildcardPattern.ofResource("*:a*b:*").matches("q:a:b:")).isFalse();
        assertThat(WildcardPattern.ofResource("*:a*b:*").matches("q:ab:")).isTrue();
    }

    private static int longestStarFreeRun(String pattern) {
        int longest = 0;
        for (String run : pattern.split("\\*")) {
            longest = Math.max(longest, run.length());
        }
        return longest;
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

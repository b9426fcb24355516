package dev.sts.core.sts;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.Tag;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackedPolicySizeTest {
    static final String SMALL_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}";
    static final String TAG_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:/=+-@ ";
    private static final String HEAD = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::";
    private static final String TAIL = "\"}]}";

    /** A valid session policy of exactly {@code length} characters. */
    static String policyOfLength(int length) {
        return HEAD + "r".repeat(length - HEAD.length() - TAIL.length()) + TAIL;
    }

    /**
     * A valid session policy of {@code length} characters that hardly compresses: random Latin-1 text (every
     * character AWS's pattern allows but the JSON string delimiters) in the resource.
     */
    static String incompressiblePolicy(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder policy = new StringBuilder(HEAD);
        while (policy.length() < length - TAIL.length()) {
            char c = (char) (0x20 + random.nextInt(0xE0));
            if (c != '"' && c != '\\') {
                policy.append(c);
            }
        }
        return policy.append(TAIL).toString();
    }

    static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(TAG_ALPHABET.charAt(random.nextInt(TAG_ALPHABET.length())));
        }
        return text.toString();
    }

    /** 50 tags of 128 + 256 characters of varied text, keys unique: session tags at their documented maxima. */
    static List<Tag> maximalTags(long seed) {
        Random random = new Random(seed);
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tags.add(new Tag(String.format("%02d", i) + randomText(random, 126), randomText(random, 256)));
        }
        return tags;
    }

    static List<String> ordinaryPolicyArns() {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            arns.add("arn:aws:iam::111111111111:policy/team/ReportsAccessPolicy" + i);
        }
        return arns;
    }

    @Test
    void nothingPackedIsZero() {
        PackedPolicySize size = PackedPolicySize.of(Optional.empty(), List.of(), List.of());
        assertThat(size.percent()).isZero();
        assertThat(size.fits()).isTrue();
    }

    @Test
    void percentIsRoundedUpSoOnlyAnExactFitIsOneHundred() {
        assertThat(PackedPolicySize.ofPackedBytes(1).percent()).isEqualTo(1);
        assertThat(PackedPolicySize.ofPackedBytes(25).percent()).isEqualTo(1);
        assertThat(PackedPolicySize.ofPackedBytes(26).percent()).isEqualTo(2);
        assertThat(PackedPolicySize.ofPackedBytes(PackedPolicySize.ALLOTTED_BYTES).percent()).isEqualTo(100);
        assertThat(PackedPolicySize.ofPackedBytes(PackedPolicySize.ALLOTTED_BYTES).fits()).isTrue();
        assertThat(PackedPolicySize.ofPackedBytes(PackedPolicySize.ALLOTTED_BYTES + 1).percent()).isEqualTo(101);
        assertThat(PackedPolicySize.ofPackedBytes(PackedPolicySize.ALLOTTED_BYTES + 1).fits()).isFalse();
    }

    @Test
    void smallSessionsUseLittleSpace() {
        assertThat(PackedPolicySize.of(Optional.of(SMALL_POLICY), List.of(), List.of()).percent()).isBetween(1, 10);
        List<Tag> tags = List.of(new Tag("Project", "Automation"), new Tag("CostCenter", "12345"),
                new Tag("Department", "Engineering"));
        assertThat(PackedPolicySize.of(Optional.empty(), List.of(), tags).percent()).isBetween(1, 10);
    }

    @Test
    void anySessionPolicyWithinItsOwnLimitFitsEvenBesideTenPolicyArns() {
        for (long seed = 0; seed < 20; seed++) {
            String policy = incompressiblePolicy(AssumeRoleRequest.MAX_POLICY_LENGTH, seed);
            PolicyParser.parse(policy, PolicyKind.SESSION);
            assertThat(AssumeRoleRequest.POLICY_TEXT.matcher(policy).matches()).isTrue();
            PackedPolicySize alone = PackedPolicySize.of(Optional.of(policy), List.of(), List.of());
            assertThat(alone.percent()).as("seed %d", seed).isBetween(60, 85);
            PackedPolicySize withArns = PackedPolicySize.of(Optional.of(policy), ordinaryPolicyArns(), List.of());
            assertThat(withArns.fits()).as("seed %d: %s", seed, withArns).isTrue();
            withArns.requireFits(true);
        }
    }

    @Test
    void sessionTagsAtTheirMaximaDoNotFit() {
        PackedPolicySize size = PackedPolicySize.of(Optional.empty(), List.of(), maximalTags(1));
        assertThat(size.percent()).isGreaterThan(500);
        assertThatThrownBy(() -> size.requireFits(false)).isInstanceOf(StsException.class)
                .hasMessage("Packed size of session tags consumes " + size.percent() + "% of allotted space.")
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.PACKED_POLICY_TOO_LARGE);
        PackedPolicySize withPolicy = PackedPolicySize.of(Optional.of(SMALL_POLICY), List.of(), maximalTags(1));
        assertThatThrownBy(() -> withPolicy.requireFits(true))
                .hasMessage("Packed policy consumes " + withPolicy.percent() + "% of allotted space, please use smaller policy.");
    }

    @Test
    void theLastByteThatFitsAndTheFirstThatDoesNot() {
        Random random = new Random(3);
        List<Tag> tags = new ArrayList<>();
        // Whole tags of varied text up to about 2 KB packed, then one tag whose value grows a character at a time.
        while (PackedPolicySize.of(Optional.empty(), List.of(), tags).packedBytes() < 2_000) {
            tags.add(new Tag("k" + tags.size(), randomText(random, 64)));
        }
        String grown = randomText(random, 256) + randomText(random, 256) + randomText(random, 256);
        PackedPolicySize last = null;
        PackedPolicySize first = null;
        for (int length = 0; length <= grown.length() && first == null; length++) {
            List<Tag> attempt = new ArrayList<>(tags);
            attempt.add(new Tag("edge", grown.substring(0, length)));
            PackedPolicySize size = PackedPolicySize.of(Optional.empty(), List.of(), attempt);
            if (size.fits()) {
                last = size;
            } else {
                first = size;
            }
        }
        assertThat(last).isNotNull();
        assertThat(first).isNotNull();
        assertThat(last.packedBytes()).isLessThanOrEqualTo(PackedPolicySize.ALLOTTED_BYTES);
        assertThat(last.percent()).isBetween(99, 100);
        last.requireFits(false);
        assertThat(first.packedBytes()).isGreaterThan(PackedPolicySize.ALLOTTED_BYTES);
        assertThat(first.percent()).isEqualTo(101);
        PackedPolicySize tooLarge = first;
        assertThatThrownBy(() -> tooLarge.requireFits(false))
                .hasMessage("Packed size of session tags consumes 101% of allotted space.");
    }
}

package dev.sts.core.sts;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.Tag;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * How much of a session's packed space its session policy, policy ARNs and session tags use, as AssumeRole's
 * {@code PackedPolicySize} reports it.
 *
 * <p>AWS: "An Amazon Web Services conversion compresses the session policy document, session policy ARNs, and
 * session tags into a packed binary format that has a separate limit. The error message indicates by
 * percentage how close the policies and tags are to the upper size limit" (STS API reference,
 * PackedPolicyTooLargeException). Here the packed form is those values, length-prefixed (the policy in
 * Latin-1, which its validated alphabet fits; ARNs and tags in UTF-8), deflated ({@link Deflater#BEST_COMPRESSION},
 * raw deflate); the percentage is the packed byte count over {@link #ALLOTTED_BYTES}, rounded up, so anything
 * packed reports at least 1 and nothing packed reports 0.
 */
public record PackedPolicySize(int packedBytes, int percent) {
    /**
     * The packed space a session may use. AWS does not publish its limit, only the percentage, so this mirrors
     * AWS's observable behaviour rather than a number: a session policy within its own 2,048-character limit
     * always fits on its own — even one that does not compress at all, about 2,060 bytes packed, is ~81% —
     * and ten policy ARNs of ordinary length fit beside it (about 9% more), while session tags near
     * their documented maxima do not: 50 tags of 128 + 256 characters of varied text pack to about 15 KB,
     * nearly 600% (tags that repeat themselves compress, and may fit). For scale: a realistic 2,000-character
     * policy of a dozen statements packs to about 240 bytes (10%), three short tags to about 3%. As on AWS,
     * a request can therefore fail with PackedPolicyTooLarge although every individual limit is respected,
     * and long tag sets are what usually get there.
     */
    public static final int ALLOTTED_BYTES = 2_560;

    public PackedPolicySize {
        if (packedBytes < 0 || percent < 0) {
            throw new IllegalArgumentException("negative packed size");
        }
    }

    /** Packs what a session carries beyond its role and measures it. */
    public static PackedPolicySize of(Optional<String> policy, List<String> policyArns, List<Tag> tags) {
        if (policy.isEmpty() && policyArns.isEmpty() && tags.isEmpty()) {
            return new PackedPolicySize(0, 0);
        }
        return ofPackedBytes(deflate(pack(policy, policyArns, tags)));
    }

    /** The percentage a packed size of {@code packedBytes} reports: rounded up, so only an exact fit is 100. */
    static PackedPolicySize ofPackedBytes(int packedBytes) {
        int percent = (int) ((packedBytes * 100L + ALLOTTED_BYTES - 1) / ALLOTTED_BYTES);
        return new PackedPolicySize(packedBytes, percent);
    }

    public boolean fits() {
        return packedBytes <= ALLOTTED_BYTES;
    }

    /**
     * @param policiesPassed whether the request carries a session policy or policy ARNs: it decides which of
     *                       AWS's two wordings the refusal uses
     * @throws StsException PackedPolicyTooLarge when the packed form exceeds the allotted space, worded as AWS
     *                      words it: "Packed policy consumes N% of allotted space, please use smaller policy."
     *                      or, for sessions that carry only tags, "Packed size of session tags consumes N% of
     *                      allotted space." (AWS Knowledge Center, "PackedPolicyTooLarge error")
     */
    public void requireFits(boolean policiesPassed) {
        if (fits()) {
            return;
        }
        String message = policiesPassed
                ? "Packed policy consumes " + percent + "% of allotted space, please use smaller policy."
                : "Packed size of session tags consumes " + percent + "% of allotted space.";
        throw new StsException(StsErrorCode.PACKED_POLICY_TOO_LARGE, message);
    }

    private static byte[] pack(Optional<String> policy, List<String> policyArns, List<Tag> tags) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            // The policy's alphabet is Latin-1 (AWS's pattern for it stops at U+00FF): one byte per character.
            byte[] document = policy.map(p -> p.getBytes(StandardCharsets.ISO_8859_1)).orElse(new byte[0]);
            out.writeInt(document.length);
            out.write(document);
            out.writeShort(policyArns.size());
            for (String arn : policyArns) {
                writeString(out, arn);
            }
            out.writeShort(tags.size());
            for (Tag tag : tags) {
                writeString(out, tag.key());
                writeString(out, tag.value());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return buffer.toByteArray();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static int deflate(byte[] packed) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(packed);
            deflater.finish();
            byte[] chunk = new byte[4096];
            int total = 0;
            while (!deflater.finished()) {
                total += deflater.deflate(chunk);
            }
            return total;
        } finally {
            deflater.end();
        }
    }
}

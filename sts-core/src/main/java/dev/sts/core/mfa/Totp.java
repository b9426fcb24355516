package dev.sts.core.mfa;

import dev.sts.core.crypto.SecretSealer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * RFC 6238 time-based one-time passwords as virtual MFA devices use them: HMAC-SHA1 over the number
 * of 30-second steps since the epoch, six digits, from a base32 seed of 20 random bytes.
 * <p>
 * Verification compares in constant time and reports the step that matched, so a caller can
 * refuse a code it has already accepted. Seeds are secrets: nothing here logs them or puts them
 * in an exception message.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    public static final int SEED_BYTES = 20;
    private static final int MODULUS = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new seed: 20 random bytes, base32-encoded (32 characters, no padding needed). */
    public static String newBase32Seed() {
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        return Base32.encode(seed);
    }

    /** The step that contains {@code t}: whole 30-second periods since 1970-01-01T00:00:00Z. */
    public static long stepOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), STEP_SECONDS);
    }

    /** The six-digit code valid during the step that contains {@code t}. */
    public String codeAt(String base32Seed, Instant t) {
        return codeAtStep(base32Seed, stepOf(t));
    }

    /** The six-digit code of one step. */
    public String codeAtStep(String base32Seed, long step) {
        return format(truncate(hmac(key(base32Seed), step)));
    }

    /**
     * Whether {@code code} is the code of the current step or of one at most {@code allowedDriftSteps}
     * away from it.
     */
    public boolean verify(String base32Seed, String code, Instant now, int allowedDriftSteps) {
        return matchingStep(base32Seed, code, now, allowedDriftSteps).isPresent();
    }

    /**
     * The step whose code is {@code code}, looked for within {@code allowedDriftSteps} steps either side
     * of the one containing {@code now}; empty when none matches or {@code code} is not six digits.
     * Every step of the window is computed and compared in constant time, whichever matches.
     * When the window holds the same code twice (one chance in a million per pair), the earliest step wins.
     * A seed still sealed ({@link SecretSealer}: this process holds no key-encryption key that opens it)
     * matches no code: fail closed.
     */
    public OptionalLong matchingStep(String base32Seed, String code, Instant now, int allowedDriftSteps) {
        if (allowedDriftSteps < 0) {
            throw new IllegalArgumentException("allowedDriftSteps must not be negative");
        }
        if (SecretSealer.isSealed(base32Seed)) {
            return OptionalLong.empty();
        }
        SecretKeySpec key = key(base32Seed);
        boolean wellFormed = isSixDigits(code);
        byte[] offered = (wellFormed ? code : "000000").getBytes(StandardCharsets.US_ASCII);
        long current = stepOf(now);
        long matched = Long.MIN_VALUE;
        for (long step = current - allowedDriftSteps; step <= current + allowedDriftSteps; step++) {
            byte[] expected = format(truncate(hmac(key, step))).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, offered) && matched == Long.MIN_VALUE) {
                matched = step;
            }
        }
        return wellFormed && matched != Long.MIN_VALUE ? OptionalLong.of(matched) : OptionalLong.empty();
    }

    private static boolean isSixDigits(String code) {
        if (code == null || code.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < DIGITS; i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static SecretKeySpec key(String base32Seed) {
        byte[] seed;
        try {
            seed = Base32.decode(base32Seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the TOTP seed is not valid base32"); // never echo the seed
        }
        if (seed.length == 0) {
            throw new IllegalArgumentException("the TOTP seed is empty");
        }
        return new SecretKeySpec(seed, "HmacSHA1");
    }

    private static byte[] hmac(SecretKeySpec key, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(key);
            return mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    /** RFC 4226 dynamic truncation: 31 bits from the offset the last nibble names. */
    private static int truncate(byte[] hash) {
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return binary % MODULUS;
    }

    private static String format(int code) {
        String digits = Integer.toString(code);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }
}

package dev.sts.core.mfa;

import java.io.ByteArrayOutputStream;

/**
 * RFC 4648 base32 (the upper-case {@code A–Z2–7} alphabet), as authenticator apps read TOTP seeds.
 * <p>
 * Encoding pads with {@code =} to a multiple of eight characters. Decoding is strict: only the
 * upper-case alphabet, padding either absent or exactly right, no length that no byte string
 * encodes to, and no non-zero bits left over in the last character. Anything else is refused,
 * never guessed at, so one byte string has exactly one accepted spelling with and one without padding.
 */
public final class Base32 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** Characters a final quantum of 1–4 bytes takes before its padding. */
    private static final int[] CHARS_FOR_BYTES = {0, 2, 4, 5, 7};

    private Base32() {
    }

    public static String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length + 4) / 5 * 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        while (out.length() % 8 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not canonical base32
     */
    public static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("base32 text is null");
        }
        String body = stripPadding(text);
        int tail = body.length() % 8;
        int tailBytes = bytesForChars(tail);
        if (tailBytes < 0) {
            throw new IllegalArgumentException("base32 text has an impossible length");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < body.length(); i++) {
            int value = valueOf(body.charAt(i));
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
            buffer &= (1 << bits) - 1;
        }
        if (buffer != 0) {
            throw new IllegalArgumentException("base32 text has non-zero trailing bits");
        }
        return out.toByteArray();
    }

    private static String stripPadding(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        if (end == text.length()) {
            return text;
        }
        if (text.length() % 8 != 0) {
            throw new IllegalArgumentException("base32 padding must fill the last block of eight characters");
        }
        int tail = end % 8;
        if (tail == 0 || bytesForChars(tail) < 0) {
            throw new IllegalArgumentException("base32 text has the wrong amount of padding");
        }
        return text.substring(0, end);
    }

    /** Bytes encoded by a final group of {@code chars} characters, or -1 when no byte count gives that many. */
    private static int bytesForChars(int chars) {
        for (int bytes = 0; bytes < CHARS_FOR_BYTES.length; bytes++) {
            if (CHARS_FOR_BYTES[bytes] == chars) {
                return bytes;
            }
        }
        return -1;
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        throw new IllegalArgumentException("base32 text contains a character outside the alphabet");
    }
}

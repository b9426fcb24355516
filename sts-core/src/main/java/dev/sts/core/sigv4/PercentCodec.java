package dev.sts.core.sigv4;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Percent-decoding of received text and SigV4's percent-encoding: every byte outside the RFC 3986 unreserved
 * set ({@code A-Z a-z 0-9 - _ . ~}) becomes {@code %XY} with upper-case hex.
 */
final class PercentCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        UNRESERVED['-'] = true;
        UNRESERVED['_'] = true;
        UNRESERVED['.'] = true;
        UNRESERVED['~'] = true;
    }

    private PercentCodec() {
    }

    /**
     * Decodes {@code s[from, to)} of a query string to bytes. A {@code '+'} is a space, as the Query protocol's
     * parameter decoding reads it, so that what is signed is what the handler sees.
     *
     * @throws StsException MalformedQueryString for a {@code %} not followed by two hex digits
     */
    static byte[] decodeQueryComponent(String s, int from, int to) {
        boolean plain = true;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            plain &= c != '%' && c != '+' && c < 0x80;
            ascii &= c < 0x80;
        }
        if (plain) {
            // Plain ASCII: the common case needs no decoding.
            byte[] bytes = new byte[to - from];
            for (int i = from; i < to; i++) {
                bytes[i - from] = (byte) s.charAt(i);
            }
            return bytes;
        }
        // A UTF-16 char takes at most three UTF-8 bytes (a surrogate pair, two chars, takes four).
        byte[] out = new byte[ascii ? to - from : 3 * (to - from)];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out[n++] = ' ';
            } else if (c == '%') {
                int hi = i + 2 < to ? hexValue(s.charAt(i + 1)) : -1;
                int lo = i + 2 < to ? hexValue(s.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw new StsException(StsErrorCode.MALFORMED_QUERY_STRING,
                            "The request could not be parsed: invalid percent-escape in the query string.");
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                // A client sent raw non-ASCII: take its UTF-8 bytes, as an encoder would have.
                int end = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))
                        ? i + 2 : i + 1;
                byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, out, n, utf8.length);
                n += utf8.length;
                i = end - 1;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Decodes a query component to text (UTF-8; malformed sequences become U+FFFD). */
    static String decodeQueryComponentToString(String s, int from, int to) {
        return new String(decodeQueryComponent(s, from, to), StandardCharsets.UTF_8);
    }

    /** Appends the SigV4 encoding of {@code bytes}. */
    static void encode(byte[] bytes, StringBuilder out) {
        for (byte b : bytes) {
            appendByte(b, false, out);
        }
    }

    /** Appends the SigV4 encoding of the UTF-8 bytes of {@code s}, leaving {@code '/'} as it is (for paths). */
    static void encodeKeepingSlashes(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                appendByte((byte) c, true, out);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                        ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(b, true, out);
                }
                i = end - 1;
            }
        }
    }

    /** ASCII hex digits only: {@link Character#digit} would also take other scripts' digits. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static void appendByte(byte b, boolean keepSlash, StringBuilder out) {
        int v = b & 0xFF;
        if (v < 0x80 && (UNRESERVED[v] || (keepSlash && v == '/'))) {
            out.append((char) v);
        } else {
            out.append('%').append(HEX[v >>> 4]).append(HEX[v & 0x0F]);
        }
    }
}

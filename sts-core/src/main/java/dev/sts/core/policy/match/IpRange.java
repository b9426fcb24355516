package dev.sts.core.policy.match;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 CIDR block as IpAddress/NotIpAddress take it ({@code 203.0.113.0/24},
 * {@code 2001:DB8:1234:5678::/64}); a bare address means /32 or /128. Parsing is strict and purely textual
 * (no name resolution). IPv4-mapped IPv6 addresses ({@code ::ffff:203.0.113.7}) are compared as IPv4.
 */
public final class IpRange {
    private final byte[] network;
    private final int prefix;
    private final String source;

    private IpRange(byte[] network, int prefix, String source) {
        this.network = network;
        this.prefix = prefix;
        this.source = source;
    }

    /** @throws IllegalArgumentException when the text is not a CIDR block or address */
    public static IpRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = parseAddress(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            prefix = Integer.parseInt(digits);
            if (prefix > max) {
                throw new IllegalArgumentException("'" + text + "' has a prefix longer than " + max + " bits");
            }
        }
        return new IpRange(mask(bytes, prefix), prefix, text);
    }

    /** Whether the request address (a bare IPv4 or IPv6 address) lies in this block; UNKNOWN if it is not an address. */
    public static Tri anyContains(IpRange[] ranges, String requestAddress) {
        byte[] address = parseAddress(requestAddress);
        if (address == null) {
            return Tri.UNKNOWN;
        }
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return Tri.YES;
            }
        }
        return Tri.NO;
    }

    /** Whether the text is a bare IPv4 or IPv6 address. */
    public static boolean isAddress(String text) {
        return parseAddress(text) != null;
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & m) == (network[full] & m);
    }

    @Override
    public String toString() {
        return source;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = Arrays.copyOf(bytes, bytes.length);
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    /** A bare address as 4 or 16 bytes (IPv4-mapped IPv6 folded to 4), or null. */
    static byte[] parseAddress(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return parseIpv4(text, 0, text.length());
        }
        byte[] v6 = parseIpv6(text);
        if (v6 != null && isIpv4Mapped(v6)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        return v6;
    }

    private static boolean isIpv4Mapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xFF && v6[11] == (byte) 0xFF;
    }

    private static byte[] parseIpv4(String text, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9' && i - start < 3) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || digits > 1 && text.charAt(start) == '0') {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= to || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == to ? out : null;
    }

    private static byte[] parseIpv6(String text) {
        int len = text.length();
        int[] groups = new int[8];
        int count = 0;
        int doubleColonAt = -1;
        int i = 0;
        if (text.startsWith("::")) {
            doubleColonAt = 0;
            i = 2;
            if (i == len) {
                return new byte[16];
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        byte[] v4Tail = null;
        while (i < len) {
            int start = i;
            int value = 0;
            while (i < len && Character.digit(text.charAt(i), 16) >= 0 && i - start < 4) {
                value = value * 16 + Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < len && text.charAt(i) == '.') {
                // an embedded IPv4 address ends the text and takes two groups
                v4Tail = parseIpv4(text, start, len);
                if (v4Tail == null || count > 6) {
                    return null;
                }
                groups[count++] = ((v4Tail[0] & 0xFF) << 8) | (v4Tail[1] & 0xFF);
                groups[count++] = ((v4Tail[2] & 0xFF) << 8) | (v4Tail[3] & 0xFF);
                i = len;
                break;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == len) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < len && text.charAt(i) == ':') {
                if (doubleColonAt >= 0) {
                    return null;
                }
                doubleColonAt = count;
                i++;
                if (i == len) {
                    break;
                }
            } else if (i == len) {
                return null;
            }
        }
        if (doubleColonAt < 0 && count != 8 || doubleColonAt >= 0 && count > 7) {
            return null;
        }
        int[] full = new int[8];
        if (doubleColonAt < 0) {
            full = groups;
        } else {
            int tail = count - doubleColonAt;
            System.arraycopy(groups, 0, full, 0, doubleColonAt);
            System.arraycopy(groups, doubleColonAt, full, 8 - tail, tail);
        }
        byte[] out = new byte[16];
        for (int g = 0; g < 8; g++) {
            out[2 * g] = (byte) (full[g] >>> 8);
            out[2 * g + 1] = (byte) full[g];
        }
        return out;
    }
}

package dev.sts.core.policy.condition;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Date values as the Date operators take them: epoch seconds ({@code 1700000000}) or one of the W3C
 * profiles of ISO 8601 ({@code 2020}, {@code 2020-01}, {@code 2020-01-31}, {@code 2020-01-31T10:15Z},
 * {@code 2020-01-31T10:15:30Z}, {@code 2020-01-31T10:15:30.25+02:00}), and the basic form
 * {@code 20200131T101530Z} that AWS's own timestamps use. A missing zone means UTC. Values are compared
 * as epoch milliseconds.
 */
public final class PolicyDates {
    private static final int MAX_LENGTH = 40;

    private PolicyDates() {
    }

    /** @return epoch milliseconds, or null when the text is not a date */
    public static Long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        try {
            if (allDigits(text, 0, text.length()) && text.length() != 4 && text.length() <= 12) {
                return Long.parseLong(text) * 1000L;
            }
            return text.length() >= 8 && allDigits(text, 0, 8) ? parseBasic(text) : parseExtended(text);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static Long parseExtended(String s) {
        int year = digits(s, 0, 4);
        if (s.length() == 4) {
            return epochMillis(year, 1, 1, 0, 0, 0, 0, 0);
        }
        expect(s, 4, '-');
        int month = digits(s, 5, 2);
        if (s.length() == 7) {
            return epochMillis(year, month, 1, 0, 0, 0, 0, 0);
        }
        expect(s, 7, '-');
        int day = digits(s, 8, 2);
        if (s.length() == 10) {
            return epochMillis(year, month, day, 0, 0, 0, 0, 0);
        }
        expect(s, 10, 'T');
        int hour = digits(s, 11, 2);
        expect(s, 13, ':');
        int minute = digits(s, 14, 2);
        int i = 16;
        int second = 0;
        int nanos = 0;
        if (i < s.length() && s.charAt(i) == ':') {
            second = digits(s, i + 1, 2);
            i += 3;
            if (i < s.length() && s.charAt(i) == '.') {
                int start = ++i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == start || i - start > 9) {
                    throw new DateTimeException("bad fraction");
                }
                nanos = digits(s, start, i - start) * (int) Math.pow(10, 9 - (i - start));
            }
        }
        return epochMillis(year, month, day, hour, minute, second, nanos, zoneSeconds(s, i));
    }

    private static Long parseBasic(String s) {
        int year = digits(s, 0, 4);
        int month = digits(s, 4, 2);
        int day = digits(s, 6, 2);
        if (s.length() == 8) {
            return epochMillis(year, month, day, 0, 0, 0, 0, 0);
        }
        expect(s, 8, 'T');
        int hour = digits(s, 9, 2);
        int minute = digits(s, 11, 2);
        int second = digits(s, 13, 2);
        return epochMillis(year, month, day, hour, minute, second, 0, zoneSeconds(s, 15));
    }

    private static int zoneSeconds(String s, int i) {
        if (i == s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (c == 'Z' && i + 1 == s.length()) {
            return 0;
        }
        if ((c == '+' || c == '-') && (s.length() - i == 6 && s.charAt(i + 3) == ':' || s.length() - i == 5)) {
            int hours = digits(s, i + 1, 2);
            int minutes = digits(s, s.length() - 2, 2);
            if (hours > 18 || minutes > 59) {
                throw new DateTimeException("bad zone");
            }
            int total = hours * 3600 + minutes * 60;
            return c == '+' ? total : -total;
        }
        throw new DateTimeException("bad zone");
    }

    private static long epochMillis(int year, int month, int day, int hour, int minute, int second, int nanos, int offset) {
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        return local.toInstant(ZoneOffset.ofTotalSeconds(offset)).toEpochMilli();
    }

    private static void expect(String s, int i, char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw new DateTimeException("expected " + c);
        }
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length() || !allDigits(s, from, from + count)) {
            throw new DateTimeException("expected digits");
        }
        return Integer.parseInt(s, from, from + count, 10);
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return to > from;
    }
}

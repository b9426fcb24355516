package dev.sts.core.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** The date formats SigV4 reads and writes. */
final class AmzDate {
    /** {@code X-Amz-Date}: ISO 8601 basic format, UTC, whole seconds. */
    static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    /** The date part of a credential scope. */
    static final DateTimeFormatter SCOPE_DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);

    private AmzDate() {
    }

    static String format(Instant instant) {
        return BASIC.format(instant);
    }

    static String scopeDate(Instant instant) {
        return SCOPE_DATE.format(instant);
    }

    static Optional<Instant> parseBasic(String text) {
        if (text.length() != 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(BASIC.parse(text)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static boolean isScopeDate(String text) {
        if (text.length() != 8) {
            return false;
        }
        try {
            SCOPE_DATE.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The HTTP {@code Date} header, RFC 1123 ({@code Mon, 23 Nov 2026 10:00:00 GMT}). */
    static Optional<Instant> parseHttpDate(String text) {
        if (text.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package dev.sts.core.protocol;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parameters of an AWS Query request, decoded strictly from a form body or a query string.
 * <p>
 * Percent-escapes must be well formed and the decoded bytes valid UTF-8; anything else is refused
 * rather than guessed at. A parameter given twice keeps its first value, so every reader (handler,
 * audit) sees the same one.
 */
public final class QueryParameters {
    /** More parameters than any STS or IAM action takes, with room for tag and policy-ARN lists. */
    public static final int MAX_PARAMETERS = 512;
    private static final QueryParameters EMPTY = new QueryParameters(Map.of());

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    public static QueryParameters empty() {
        return EMPTY;
    }

    /** Decodes {@code a=1&b=2} (form encoding: '+' is a space). */
    public static QueryParameters parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> values = new LinkedHashMap<>();
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            if (end > start) {
                int eq = encoded.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = decode(encoded, start, end);
                    value = "";
                } else {
                    name = decode(encoded, start, eq);
                    value = decode(encoded, eq + 1, end);
                }
                values.putIfAbsent(name, value);
                if (values.size() > MAX_PARAMETERS) {
                    throw malformed("too many parameters");
                }
            }
            start = end + 1;
        }
        return new QueryParameters(Collections.unmodifiableMap(values));
    }

    /** Both sources together, as AWS accepts parameters in either; the body wins on a clash. */
    public QueryParameters withFallback(QueryParameters other) {
        if (other.values.isEmpty()) {
            return this;
        }
        if (values.isEmpty()) {
            return other;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        other.values.forEach(merged::putIfAbsent);
        return new QueryParameters(Collections.unmodifiableMap(merged));
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value, or a ValidationError phrased as AWS phrases a missing member. */
    public String required(String name) {
        ValidationErrors errors = new ValidationErrors();
        String value = required(name, errors);
        errors.throwIfAny();
        return value;
    }

    /** The value, or null with the missing member added to {@code errors}. */
    public String required(String name, ValidationErrors errors) {
        String value = values.get(name);
        if (value == null) {
            errors.missing(memberName(name));
        }
        return value;
    }

    /** An integer parameter within [min, max], or a ValidationError that names the bound it broke. */
    public OptionalInt integer(String name, int min, int max) {
        ValidationErrors errors = new ValidationErrors();
        OptionalInt value = integer(name, min, max, errors);
        errors.throwIfAny();
        return value;
    }

    /** As {@link #integer(String, int, int)}, adding a violation to {@code errors} (and answering empty) instead of throwing. */
    public OptionalInt integer(String name, int min, int max, ValidationErrors errors) {
        String raw = values.get(name);
        if (raw == null) {
            return OptionalInt.empty();
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            errors.violated(memberName(name), printable(raw), "Member must be a number");
            return OptionalInt.empty();
        }
        if (value < min) {
            errors.violated(memberName(name), Long.toString(value), "Member must have value greater than or equal to " + min);
            return OptionalInt.empty();
        }
        if (value > max) {
            errors.violated(memberName(name), Long.toString(value), "Member must have value less than or equal to " + max);
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) value);
    }

    /** A string parameter whose length lies in [min, max] and matches the allowed characters; the value is never echoed. */
    public Optional<String> string(String name, int min, int max, java.util.regex.Pattern allowed) {
        ValidationErrors errors = new ValidationErrors();
        Optional<String> value = string(name, min, max, allowed, errors);
        errors.throwIfAny();
        return value;
    }

    /** As {@link #string(String, int, int, java.util.regex.Pattern)}, adding a violation to {@code errors} instead of throwing. */
    public Optional<String> string(String name, int min, int max, java.util.regex.Pattern allowed, ValidationErrors errors) {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            errors.violated(memberName(name), null, "Member must have length greater than or equal to " + min);
            return Optional.empty();
        }
        if (length > max) {
            errors.violated(memberName(name), null, "Member must have length less than or equal to " + max);
            return Optional.empty();
        }
        if (allowed != null && !allowed.matcher(value).matches()) {
            errors.violated(memberName(name), null, "Member must satisfy regular expression pattern: " + allowed.pattern());
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A list parameter, {@code Name.member.1=…&Name.member.2=…}, in index order; numbering must start at 1 without gaps. */
    public java.util.List<String> memberList(String name) {
        java.util.List<String> members = new java.util.ArrayList<>();
        for (int i = 1; ; i++) {
            String value = values.get(name + ".member." + i);
            if (value == null) {
                return members;
            }
            members.add(value);
        }
    }

    /** A list of structures, {@code Tags.member.1.Key=…&Tags.member.1.Value=…}, each as field name to value. */
    public java.util.List<Map<String, String>> memberStructs(String name, String... fields) {
        java.util.List<Map<String, String>> members = new java.util.ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + ".member." + i + ".";
            Map<String, String> member = new LinkedHashMap<>();
            for (String field : fields) {
                String value = values.get(prefix + field);
                if (value != null) {
                    member.put(field, value);
                }
            }
            if (member.isEmpty()) {
                return members;
            }
            members.add(member);
        }
    }

    /** All parameters in request order; used for audit records. */
    public Map<String, String> asMap() {
        return values;
    }

    /** AWS reports members in lower camel case: DurationSeconds becomes durationSeconds. */
    public static String memberName(String parameter) {
        if (parameter.isEmpty() || Character.isLowerCase(parameter.charAt(0))) {
            return parameter;
        }
        return Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
    }

    private static String printable(String raw) {
        String cut = raw.length() > 32 ? raw.substring(0, 32) + "..." : raw;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static String decode(String s, int from, int to) {
        String segment = s.substring(from, to);
        if (segment.indexOf('%') < 0 && segment.indexOf('+') < 0) {
            return segment;
        }
        // '%', '+' and hex digits are ASCII, so escapes survive a UTF-8 encoding of raw text intact.
        byte[] raw = segment.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '+') {
                bytes.put((byte) ' ');
            } else if (b == '%') {
                if (i + 2 >= raw.length) {
                    throw malformed("incomplete percent-escape");
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw malformed("invalid percent-escape");
                }
                bytes.put((byte) ((hi << 4) | lo));
                i += 2;
            } else {
                bytes.put(b);
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("parameters are not valid UTF-8");
        }
    }

    private static StsException malformed(String why) {
        return new StsException(StsErrorCode.MALFORMED_QUERY_STRING, "The request could not be parsed: " + why + ".");
    }
}

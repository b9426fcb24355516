package dev.sts.core.protocol;

import dev.sts.core.error.StsException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One string shape of AWS's IAM or STS model: its length bounds and the pattern its characters must satisfy,
 * as botocore's service models state them (see {@link ParameterConstraints} for the table). Lengths count code
 * points, as AWS's front end does.
 *
 * @param shape      the model's shape name, e.g. {@code roleDescriptionType}
 * @param min        the least length
 * @param max        the greatest length
 * @param awsPattern the pattern as AWS spells it in its refusals; null when the shape has none
 * @param pattern    the same pattern for {@link java.util.regex}; null when the shape has none
 */
public record ParameterConstraint(String shape, int min, int max, String awsPattern, Pattern pattern) {
    private static final int MAX_ECHOED = 256;

    public ParameterConstraint {
        Objects.requireNonNull(shape, "shape");
        if ((awsPattern == null) != (pattern == null)) {
            throw new IllegalArgumentException("a pattern needs both spellings");
        }
    }

    /** A shape whose AWS pattern Java reads as it is. */
    static ParameterConstraint of(String shape, int min, int max, String awsPattern) {
        return new ParameterConstraint(shape, min, max, awsPattern, awsPattern == null ? null : Pattern.compile(awsPattern));
    }

    /** Whether {@code value} satisfies every constraint. */
    public boolean admits(String value) {
        if (value == null) {
            return false;
        }
        int length = value.codePointCount(0, value.length());
        return length >= min && length <= max && (pattern == null || pattern.matcher(value).matches());
    }

    /**
     * Adds the first constraint {@code value} violates to {@code errors}, echoing the value as AWS does.
     *
     * @return whether the value is admitted (a null value is reported missing)
     */
    public boolean check(String member, String value, ValidationErrors errors) {
        return check(member, value, true, errors);
    }

    /** As {@link #check(String, String, ValidationErrors)}, but without echoing the value (policy texts, secrets). */
    public boolean checkUnechoed(String member, String value, ValidationErrors errors) {
        return check(member, value, false, errors);
    }

    /** @throws StsException ValidationError naming the first violated constraint */
    public void require(String member, String value) {
        ValidationErrors errors = new ValidationErrors();
        check(member, value, errors);
        errors.throwIfAny();
    }

    /** @throws StsException ValidationError naming the first violated constraint, without echoing the value */
    public void requireUnechoed(String member, String value) {
        ValidationErrors errors = new ValidationErrors();
        checkUnechoed(member, value, errors);
        errors.throwIfAny();
    }

    private boolean check(String member, String value, boolean echo, ValidationErrors errors) {
        if (value == null) {
            errors.missing(member);
            return false;
        }
        String shown = echo ? shown(value) : null;
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            errors.violated(member, shown, "Member must have length greater than or equal to " + min);
            return false;
        }
        if (length > max) {
            errors.violated(member, shown, "Member must have length less than or equal to " + max);
            return false;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            errors.violated(member, shown, "Member must satisfy regular expression pattern: " + awsPattern);
            return false;
        }
        return true;
    }

    /**
     * The value as echoed in a refusal: control characters, lone surrogates and non-characters shown as '?',
     * cut after {@value #MAX_ECHOED} characters (the response stays well-formed whatever the value held).
     */
    static String shown(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_ECHOED).forEach(cp -> out.appendCodePoint(
                Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE || cp == 0xFFFE || cp == 0xFFFF ? '?' : cp));
        if (value.codePointCount(0, value.length()) > MAX_ECHOED) {
            out.append("...");
        }
        return out.toString();
    }
}

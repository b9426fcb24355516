package dev.sts.core.policy.match;

/**
 * The value side of ArnEquals/ArnLike (which AWS documents as behaving identically): an ARN whose six
 * colon-delimited components ({@code arn:partition:service:region:account:resource}, the resource keeping
 * any further colons) are each matched separately, case-sensitively, with {@code *} and {@code ?}.
 * A policy value that does not have six components is matched as a whole (so {@code "*"} matches any ARN).
 */
public final class ArnPattern {
    private static final int COMPONENTS = 6;

    private final String source;
    private final WildcardPattern[] components;
    private final WildcardPattern whole;

    private ArnPattern(String source, WildcardPattern[] components, WildcardPattern whole) {
        this.source = source;
        this.components = components;
        this.whole = whole;
    }

    public static ArnPattern of(String pattern) {
        return compile(pattern, null);
    }

    /** @param literal characters marked true are literal (may be null) */
    public static ArnPattern compile(CharSequence text, boolean[] literal) {
        int[] bounds = componentBounds(text);
        if (bounds == null) {
            return new ArnPattern(text.toString(), null,
                    WildcardPattern.compile(text, literal, 0, text.length(), false, false));
        }
        WildcardPattern[] parts = new WildcardPattern[COMPONENTS];
        for (int i = 0; i < COMPONENTS; i++) {
            parts[i] = WildcardPattern.compile(text, literal, bounds[2 * i], bounds[2 * i + 1], false, false);
        }
        return new ArnPattern(text.toString(), parts, null);
    }

    /** Whether {@code value} has the six components of an ARN. */
    public static boolean isArnShaped(CharSequence value) {
        return componentBounds(value) != null;
    }

    /**
     * @return YES or NO; UNKNOWN when this pattern is component-wise and the request value is not an ARN
     */
    public Tri matches(String value) {
        if (whole != null) {
            return Tri.of(whole.matches(value));
        }
        int start = 0;
        for (int i = 0; i < COMPONENTS - 1; i++) {
            int colon = value.indexOf(':', start);
            if (colon < 0) {
                return Tri.UNKNOWN;
            }
            if (!components[i].matches(value, start, colon)) {
                return Tri.NO;
            }
            start = colon + 1;
        }
        return Tri.of(components[COMPONENTS - 1].matches(value, start, value.length()));
    }

    @Override
    public String toString() {
        return source;
    }

    /** start/end pairs of the six components, or null when there are fewer than five colons. */
    private static int[] componentBounds(CharSequence text) {
        int[] bounds = new int[2 * COMPONENTS];
        int start = 0;
        int found = 0;
        for (int i = 0; i < text.length() && found < COMPONENTS - 1; i++) {
            if (text.charAt(i) == ':') {
                bounds[2 * found] = start;
                bounds[2 * found + 1] = i;
                found++;
                start = i + 1;
            }
        }
        if (found < COMPONENTS - 1) {
            return null;
        }
        bounds[2 * found] = start;
        bounds[2 * found + 1] = text.length();
        return bounds;
    }
}

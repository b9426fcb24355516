package dev.sts.core.policy.match;

/**
 * A glob with IAM's two wildcards, {@code *} (any run of characters) and {@code ?} (any one character),
 * compiled once and matched without backtracking blow-up: plain patterns use the classic single-restart
 * greedy scan (O(text × pattern) at worst), and patterns with segment-bound wildcards run as a
 * position-set automaton (same bound). No regular expressions are involved.
 *
 * <p>Segment-aware patterns implement the Resource element's rule from AWS's "IAM JSON policy elements:
 * Resource": wildcards stay within one colon-delimited ARN segment, except that a {@code *} which is the
 * last character of a segment may expand past the colon boundaries. Characters can also be marked literal
 * (a {@code *} that came from {@code ${*}} or from a substituted policy variable never acts as a wildcard).
 */
public final class WildcardPattern {
    private static final byte LITERAL = 0;
    private static final byte ANY_ONE = 1;
    private static final byte ANY_RUN = 2;
    private static final byte ANY_ONE_IN_SEGMENT = 3;
    private static final byte ANY_RUN_IN_SEGMENT = 4;

    private static final WildcardPattern MATCH_ALL = new WildcardPattern("*", new char[]{'*'}, new byte[]{ANY_RUN}, false);

    private final String source;
    private final char[] chars;
    private final byte[] kinds;
    private final boolean ignoreCase;
    private final boolean hasWildcards;
    private final boolean segmentBound;
    private final boolean matchesEverything;
    private final int literalPrefixLength; // how many pattern characters come before the first wildcard

    private WildcardPattern(String source, char[] chars, byte[] kinds, boolean ignoreCase) {
        this.source = source;
        this.chars = chars;
        this.kinds = kinds;
        this.ignoreCase = ignoreCase;
        boolean wild = false;
        boolean bound = false;
        for (byte kind : kinds) {
            wild |= kind != LITERAL;
            bound |= kind == ANY_ONE_IN_SEGMENT || kind == ANY_RUN_IN_SEGMENT;
        }
        this.hasWildcards = wild;
        this.segmentBound = bound;
        this.matchesEverything = kinds.length == 1 && kinds[0] == ANY_RUN;
        this.literalPrefixLength = leadingLiterals(kinds);
    }

    private static int leadingLiterals(byte[] kinds) {
        int n = 0;
        while (n < kinds.length && kinds[n] == LITERAL) {
            n++;
        }
        return n;
    }

    /** A pattern in which {@code *} and {@code ?} are wildcards everywhere (StringLike, Action, ArnLike components). */
    public static WildcardPattern of(String pattern, boolean ignoreCase) {
        if ("*".equals(pattern)) {
            return MATCH_ALL;
        }
        return compile(pattern, null, 0, pattern.length(), ignoreCase, false);
    }

    /** A Resource-element pattern: wildcards bound to their ARN segment except a segment-final {@code *}. */
    public static WildcardPattern ofResource(String pattern) {
        if ("*".equals(pattern)) {
            return MATCH_ALL;
        }
        return compile(pattern, null, 0, pattern.length(), false, true);
    }

    /**
     * Compiles {@code text[from, to)}; where {@code literal[i]} is true, character i is taken literally.
     *
     * @param literal may be null (no literal marks)
     */
    public static WildcardPattern compile(CharSequence text, boolean[] literal, int from, int to,
                                          boolean ignoreCase, boolean segmentAware) {
        char[] chars = new char[to - from];
        byte[] kinds = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean lit = literal != null && literal[i];
            if (!lit && c == '*') {
                if (n > 0 && (kinds[n - 1] == ANY_RUN || kinds[n - 1] == ANY_RUN_IN_SEGMENT)) {
                    n--; // collapse a run of stars; its kind is decided by what follows the run
                }
                boolean segmentFinal = i + 1 == to || text.charAt(i + 1) == ':';
                chars[n] = '*';
                kinds[n++] = segmentAware && !segmentFinal ? ANY_RUN_IN_SEGMENT : ANY_RUN;
            } else if (!lit && c == '?') {
                chars[n] = '?';
                kinds[n++] = segmentAware ? ANY_ONE_IN_SEGMENT : ANY_ONE;
            } else {
                chars[n] = ignoreCase ? Character.toLowerCase(c) : c;
                kinds[n++] = LITERAL;
            }
        }
        if (n != chars.length) {
            chars = java.util.Arrays.copyOf(chars, n);
            kinds = java.util.Arrays.copyOf(kinds, n);
        }
        return new WildcardPattern(text.subSequence(from, to).toString(), chars, kinds, ignoreCase);
    }

    public boolean matches(CharSequence text) {
        return matches(text, 0, text.length());
    }

    /** Whether {@code text[start, end)} matches the whole pattern. */
    public boolean matches(CharSequence text, int start, int end) {
        if (matchesEverything) {
            return true;
        }
        if (!hasWildcards) {
            return matchesLiterally(text, start, end);
        }
        if (!startsWithLiteralPrefix(text, start, end)) {
            return false;
        }
        return segmentBound ? matchesBySimulation(text, start, end) : matchesGreedily(text, start, end);
    }

    /** Whether the pattern has no wildcard at all. */
    public boolean isLiteral() {
        return !hasWildcards;
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * A quick rejection before the glob scan: most texts a pattern is tried against (another bucket, another
     * service) already differ in the literal characters before its first wildcard. They are compared from the
     * last one back, because the patterns of one policy tend to share a long head ({@code arn:aws:s3:::})
     * and differ just before the wildcard.
     */
    private boolean startsWithLiteralPrefix(CharSequence text, int start, int end) {
        if (end - start < literalPrefixLength) {
            return false;
        }
        for (int i = literalPrefixLength - 1; i >= 0; i--) {
            if (!same(chars[i], text.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesLiterally(CharSequence text, int start, int end) {
        if (end - start != chars.length) {
            return false;
        }
        for (int i = 0; i < chars.length; i++) {
            if (!same(chars[i], text.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }

    private boolean same(char patternChar, char textChar) {
        return patternChar == textChar || ignoreCase && patternChar == Character.toLowerCase(textChar);
    }

    /** The classic glob scan: on a mismatch, retry from the last star one character further on. */
    private boolean matchesGreedily(CharSequence text, int start, int end) {
        int p = 0;
        int t = start;
        int starP = -1;
        int starT = start;
        int m = kinds.length;
        while (t < end) {
            if (p < m && (kinds[p] == ANY_ONE || kinds[p] == LITERAL && same(chars[p], text.charAt(t)))) {
                p++;
                t++;
            } else if (p < m && kinds[p] == ANY_RUN) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < m && kinds[p] == ANY_RUN) {
            p++;
        }
        return p == m;
    }

    /** Runs the pattern as a set of live positions: each text character advances every live position at once. */
    private boolean matchesBySimulation(CharSequence text, int start, int end) {
        int m = kinds.length;
        boolean[] live = new boolean[m + 1];
        boolean[] next = new boolean[m + 1];
        live[0] = true;
        closeOverStars(live);
        for (int t = start; t < end; t++) {
            char c = text.charAt(t);
            java.util.Arrays.fill(next, false);
            boolean any = false;
            for (int p = 0; p < m; p++) {
                if (!live[p]) {
                    continue;
                }
                switch (kinds[p]) {
                    case ANY_RUN -> next[p] = true;
                    case ANY_RUN_IN_SEGMENT -> next[p] |= c != ':';
                    case ANY_ONE -> next[p + 1] = true;
                    case ANY_ONE_IN_SEGMENT -> next[p + 1] |= c != ':';
                    default -> next[p + 1] |= same(chars[p], c);
                }
            }
            closeOverStars(next);
            for (boolean b : next) {
                any |= b;
            }
            if (!any) {
                return false;
            }
            boolean[] swap = live;
            live = next;
            next = swap;
        }
        return live[m];
    }

    private void closeOverStars(boolean[] positions) {
        for (int p = 0; p < kinds.length; p++) {
            if (positions[p] && (kinds[p] == ANY_RUN || kinds[p] == ANY_RUN_IN_SEGMENT)) {
                positions[p + 1] = true;
            }
        }
    }
}

package dev.sts.core.policy.match;

import java.util.Arrays;

/**
 * A glob with IAM's two wildcards, {@code *} (any run of characters) and {@code ?} (any one character),
 * compiled once and matched in time linear in the text and the pattern. No regular expressions are involved.
 *
 * <p>Segment-aware patterns implement the Resource element's rule from AWS's "IAM JSON policy elements:
 * Resource": wildcards stay within one colon-delimited ARN segment, except that a {@code *} which is the
 * last character of a segment may expand past the colon boundaries. Characters can also be marked literal
 * (a {@code *} that came from {@code ${*}} or from a substituted policy variable never acts as a wildcard).
 *
 * <p>How it stays linear (a policy and its resource ARN are attacker-chosen in SimulateCustomPolicy; the
 * classic "retry from the last star" scan costs text × pattern, e.g. {@code *aaaa…ab} against {@code aaaa…}):
 * <ul>
 *   <li>a plain glob is split at its stars into star-free segments; the first is anchored at the start, the
 *       last at the end, and each middle segment is found at its leftmost occurrence after the previous one
 *       (leftmost is always the best choice) with a bit-parallel Shift-And scan, so every text character is
 *       read once per segment search, which never goes back: O(text × ⌈segment/64⌉ + pattern);</li>
 *   <li>a segment-aware pattern is cut at its literal colons into pieces, each matched as a plain glob against
 *       one colon-free segment of the text; a piece ending in a segment-final {@code *} may also absorb the
 *       following whole segments. The pieces between two such stars are placed at the leftmost run of text
 *       segments they match. Each piece is linear in its text segment; only colon-heavy inputs add a factor:
 *       a group of pieces may be tried at each text segment, O(colons in the text × text) at worst, which
 *       IAM's 2,048-character limit on a resource ARN keeps small (a pattern piece longer than its text
 *       segment is refused before any scan).</li>
 * </ul>
 * {@link #countSteps} reports the work done, so tests can check the bound without timing anything.
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
    private final boolean matchesEverything;
    private final int literalPrefixLength; // how many pattern characters come before the first wildcard
    private final Glob glob;       // the whole pattern, when no wildcard is bound to its segment
    private final Glob[] pieces;   // otherwise: the pattern cut at its literal colons
    private final boolean[] elastic; // piece i ends in a segment-final star that may absorb whole text segments

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
        this.matchesEverything = kinds.length == 1 && kinds[0] == ANY_RUN;
        this.literalPrefixLength = leadingLiterals(kinds);
        if (!bound) {
            this.glob = wild ? new Glob(chars, kinds, 0, kinds.length, ignoreCase) : null;
            this.pieces = null;
            this.elastic = null;
        } else {
            this.glob = null;
            int count = 1;
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == LITERAL && chars[i] == ':') {
                    count++;
                }
            }
            this.pieces = new Glob[count];
            this.elastic = new boolean[count];
            int from = 0;
            int piece = 0;
            for (int i = 0; i <= kinds.length; i++) {
                if (i == kinds.length || kinds[i] == LITERAL && chars[i] == ':') {
                    pieces[piece] = new Glob(chars, kinds, from, i, ignoreCase);
                    elastic[piece] = i > from && kinds[i - 1] == ANY_RUN;
                    piece++;
                    from = i + 1;
                }
            }
        }
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
            chars = Arrays.copyOf(chars, n);
            kinds = Arrays.copyOf(kinds, n);
        }
        return new WildcardPattern(text.subSequence(from, to).toString(), chars, kinds, ignoreCase);
    }

    public boolean matches(CharSequence text) {
        return matches(text, 0, text.length());
    }

    /** Whether {@code text[start, end)} matches the whole pattern. */
    public boolean matches(CharSequence text, int start, int end) {
        return matches(text, start, end, null);
    }

    /**
     * The work {@link #matches(CharSequence)} does on {@code text}: text characters read (times the 64-bit
     * words of the segment being searched) plus text segments tried. For tests of the linear bound.
     */
    long countSteps(CharSequence text) {
        long[] steps = new long[1];
        matches(text, 0, text.length(), steps);
        return steps[0];
    }

    private boolean matches(CharSequence text, int start, int end, long[] steps) {
        if (matchesEverything) {
            return true;
        }
        if (!hasWildcards) {
            return matchesLiterally(text, start, end);
        }
        if (!startsWithLiteralPrefix(text, start, end)) {
            return false;
        }
        return glob != null ? glob.matches(text, start, end, steps) : matchesPieces(text, start, end, steps);
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
            if (!same(chars[i], text.charAt(start + i), ignoreCase)) {
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
            if (!same(chars[i], text.charAt(start + i), ignoreCase)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(char patternChar, char textChar, boolean ignoreCase) {
        return patternChar == textChar || ignoreCase && patternChar == Character.toLowerCase(textChar);
    }

    /**
     * The segment-aware match. The text is cut at its colons into segments; piece i of the pattern matches one
     * text segment, and an elastic piece then skips any number of further whole segments. Pieces form groups,
     * each ending after an elastic piece: the first group is anchored at the first text segment, the group after
     * the last elastic piece at the last text segments, and each group between is placed at the leftmost run of
     * segments it matches (as a star-free glob segment would be).
     */
    private boolean matchesPieces(CharSequence text, int start, int end, long[] steps) {
        int[] bounds = segmentBounds(text, start, end); // segment j is [bounds[j], bounds[j + 1] - 1)
        int segments = bounds.length - 1;
        int count = pieces.length;
        int firstElastic = -1;
        int lastElastic = -1;
        for (int i = 0; i < count; i++) {
            if (elastic[i]) {
                lastElastic = i;
                if (firstElastic < 0) {
                    firstElastic = i;
                }
            }
        }
        if (firstElastic < 0) {
            return segments == count && groupMatches(text, bounds, 0, count, 0, steps);
        }
        int tail = count - 1 - lastElastic; // exact pieces after the last elastic one
        if (segments < firstElastic + 1 + tail || !groupMatches(text, bounds, 0, firstElastic + 1, 0, steps)) {
            return false;
        }
        int next = firstElastic + 1; // the first text segment not yet used
        int limit = segments - tail;  // the groups in between must end before the tail's segments
        int piece = firstElastic + 1;
        while (piece <= lastElastic) {
            int groupEnd = piece;
            while (!elastic[groupEnd]) {
                groupEnd++;
            }
            int length = groupEnd + 1 - piece;
            int at = next;
            while (at + length <= limit && !groupMatches(text, bounds, piece, length, at, steps)) {
                at++;
            }
            if (at + length > limit) {
                return false;
            }
            next = at + length;
            piece = groupEnd + 1;
        }
        return groupMatches(text, bounds, lastElastic + 1, tail, segments - tail, steps);
    }

    /** Whether pieces [first, first + length) match text segments [at, at + length), one each. */
    private boolean groupMatches(CharSequence text, int[] bounds, int first, int length, int at, long[] steps) {
        for (int i = 0; i < length; i++) {
            if (steps != null) {
                steps[0]++;
            }
            int segment = at + i;
            if (!pieces[first + i].matches(text, bounds[segment], bounds[segment + 1] - 1, steps)) {
                return false;
            }
        }
        return true;
    }

    /** Segment starts, plus end + 1 as a last entry: segment j of text[start, end) is [b[j], b[j + 1] - 1). */
    private static int[] segmentBounds(CharSequence text, int start, int end) {
        int colons = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ':') {
                colons++;
            }
        }
        int[] bounds = new int[colons + 2];
        bounds[0] = start;
        int j = 1;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ':') {
                bounds[j++] = i + 1;
            }
        }
        bounds[j] = end + 1;
        return bounds;
    }

    /**
     * A plain glob over {@code pattern[from, to)}: both star kinds are "any run", both question-mark kinds
     * "any one" (in a segment-aware pattern a piece is only ever matched against a colon-free text segment).
     */
    private static final class Glob {
        private static final int MAX_CACHED_SEGMENT = 64;

        private final char[] chars;
        private final boolean[] anyOne;
        private final int[] segmentStarts; // star-free segments between the stars, each [start, end)
        private final int[] segmentEnds;
        private final int minLength;
        private final boolean ignoreCase;
        private final SearchTable[] tables; // per middle segment of up to 64 characters; null otherwise

        Glob(char[] patternChars, byte[] kinds, int from, int to, boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
            int length = to - from;
            this.chars = Arrays.copyOfRange(patternChars, from, to);
            this.anyOne = new boolean[length];
            int stars = 0;
            for (int i = 0; i < length; i++) {
                byte kind = kinds[from + i];
                anyOne[i] = kind == ANY_ONE || kind == ANY_ONE_IN_SEGMENT;
                if (kind == ANY_RUN || kind == ANY_RUN_IN_SEGMENT) {
                    stars++;
                }
            }
            this.segmentStarts = new int[stars + 1];
            this.segmentEnds = new int[stars + 1];
            int segment = 0;
            segmentStarts[0] = 0;
            for (int i = 0; i < length; i++) {
                byte kind = kinds[from + i];
                if (kind == ANY_RUN || kind == ANY_RUN_IN_SEGMENT) {
                    segmentEnds[segment] = i;
                    segmentStarts[++segment] = i + 1;
                }
            }
            segmentEnds[segment] = length;
            this.minLength = length - stars;
            this.tables = new SearchTable[stars + 1];
            for (int s = 1; s < stars; s++) {
                if (segmentEnds[s] - segmentStarts[s] <= MAX_CACHED_SEGMENT) {
                    tables[s] = SearchTable.of(chars, anyOne, segmentStarts[s], segmentEnds[s]);
                }
            }
        }

        boolean matches(CharSequence text, int start, int end, long[] steps) {
            if (end - start < minLength) {
                return false;
            }
            int last = segmentStarts.length - 1;
            if (last == 0) {
                return end - start == minLength && matchesAt(0, text, start, steps);
            }
            int lastLength = segmentEnds[last] - segmentStarts[last];
            if (!matchesAt(0, text, start, steps) || !matchesAt(last, text, end - lastLength, steps)) {
                return false;
            }
            int position = start + segmentEnds[0] - segmentStarts[0];
            int limit = end - lastLength;
            for (int s = 1; s < last; s++) {
                int found = find(s, text, position, limit, steps);
                if (found < 0) {
                    return false;
                }
                position = found + segmentEnds[s] - segmentStarts[s];
            }
            return true;
        }

        /** Whether star-free segment s matches text at position at. */
        private boolean matchesAt(int s, CharSequence text, int at, long[] steps) {
            int from = segmentStarts[s];
            int to = segmentEnds[s];
            if (steps != null) {
                steps[0] += to - from;
            }
            for (int i = from; i < to; i++) {
                if (!anyOne[i] && !same(chars[i], text.charAt(at + i - from), ignoreCase)) {
                    return false;
                }
            }
            return true;
        }

        /** The leftmost position p in [from, limit - length] where segment s matches, or -1. */
        private int find(int s, CharSequence text, int from, int limit, long[] steps) {
            int length = segmentEnds[s] - segmentStarts[s];
            if (limit - from < length) {
                return -1;
            }
            SearchTable table = tables[s] != null ? tables[s] : SearchTable.of(chars, anyOne, segmentStarts[s], segmentEnds[s]);
            return table.find(text, from, limit, ignoreCase, steps);
        }
    }

    /**
     * Shift-And (Baeza-Yates and Gonnet) for one star-free segment: bit i of the state is set when the last
     * i + 1 text characters match the segment's first i + 1 characters. One state update per text character,
     * over ⌈length / 64⌉ words; {@code ?} positions are set in every character's mask.
     */
    private static final class SearchTable {
        private final int length;
        private final int words;
        private final char[] keys;      // the segment's distinct literal characters, sorted
        private final long[][] masks;   // per key: its positions plus the '?' positions
        private final long[] anyMask;   // the '?' positions: the mask of any other character

        private SearchTable(int length, char[] keys, long[][] masks, long[] anyMask) {
            this.length = length;
            this.words = anyMask.length;
            this.keys = keys;
            this.masks = masks;
            this.anyMask = anyMask;
        }

        static SearchTable of(char[] chars, boolean[] anyOne, int from, int to) {
            int length = to - from;
            int words = (length + 63) >>> 6;
            long[] any = new long[words];
            char[] distinct = new char[length];
            int d = 0;
            for (int i = from; i < to; i++) {
                if (anyOne[i]) {
                    any[(i - from) >>> 6] |= 1L << ((i - from) & 63);
                } else {
                    distinct[d++] = chars[i];
                }
            }
            Arrays.sort(distinct, 0, d);
            int unique = 0;
            for (int i = 0; i < d; i++) {
                if (unique == 0 || distinct[unique - 1] != distinct[i]) {
                    distinct[unique++] = distinct[i];
                }
            }
            char[] keys = Arrays.copyOf(distinct, unique);
            long[][] masks = new long[unique][];
            for (int k = 0; k < unique; k++) {
                masks[k] = any.clone();
            }
            for (int i = from; i < to; i++) {
                if (!anyOne[i]) {
                    int k = Arrays.binarySearch(keys, chars[i]);
                    masks[k][(i - from) >>> 6] |= 1L << ((i - from) & 63);
                }
            }
            return new SearchTable(length, keys, masks, any);
        }

        private long[] maskOf(char c, boolean ignoreCase) {
            int k = Arrays.binarySearch(keys, ignoreCase ? Character.toLowerCase(c) : c);
            return k >= 0 ? masks[k] : anyMask;
        }

        int find(CharSequence text, int from, int limit, boolean ignoreCase, long[] steps) {
            if (words == 1) {
                long state = 0;
                long found = 1L << (length - 1);
                for (int t = from; t < limit; t++) {
                    state = ((state << 1) | 1L) & maskOf(text.charAt(t), ignoreCase)[0];
                    if ((state & found) != 0) {
                        countSteps(steps, t + 1 - from);
                        return t + 1 - length;
                    }
                }
                countSteps(steps, limit - from);
                return -1;
            }
            long[] state = new long[words];
            int lastWord = (length - 1) >>> 6;
            long found = 1L << ((length - 1) & 63);
            for (int t = from; t < limit; t++) {
                long[] mask = maskOf(text.charAt(t), ignoreCase);
                long carry = 1L;
                for (int w = 0; w < words; w++) {
                    long shifted = (state[w] << 1) | carry;
                    carry = state[w] >>> 63;
                    state[w] = shifted & mask[w];
                }
                if ((state[lastWord] & found) != 0) {
                    countSteps(steps, (long) (t + 1 - from) * words);
                    return t + 1 - length;
                }
            }
            countSteps(steps, (long) (limit - from) * words);
            return -1;
        }

        private static void countSteps(long[] steps, long n) {
            if (steps != null) {
                steps[0] += n;
            }
        }
    }
}

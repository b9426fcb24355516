package dev.sts.core.policy.variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Policy text that may hold variables (policy language 2012-10-17 only): {@code ${aws:username}},
 * {@code ${aws:PrincipalTag/team, 'company-wide'}}, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}
 * for a literal {@code *}, {@code ?} and {@code $}. Text between variables keeps its wildcards; whatever a
 * variable or escape produces is literal, so a user named {@code *} never becomes a wildcard.
 * An unterminated {@code ${} is plain text.
 */
public final class PolicyTemplate {
    private static final int MAX_KEY_LENGTH = 256;

    private final String source;
    private final List<Object> parts; // String = text with wildcards, Literal = literal text, PolicyVariable
    private final List<PolicyVariable> variables;
    private final String literalPrefix; // see isLiteralPrefixOf

    private record Literal(String text) {
    }

    private PolicyTemplate(String source, List<Object> parts, List<PolicyVariable> variables) {
        this.source = source;
        this.parts = parts;
        this.variables = variables;
        this.literalPrefix = literalPrefix(parts);
    }

    /** The text before the first wildcard or variable: escapes count as literal text, a variable ends it. */
    private static String literalPrefix(List<Object> parts) {
        StringBuilder prefix = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Literal literal) {
                prefix.append(literal.text());
            } else if (part instanceof String text) {
                int wildcard = firstWildcard(text);
                prefix.append(text, 0, wildcard);
                if (wildcard < text.length()) {
                    break;
                }
            } else {
                break;
            }
        }
        return prefix.toString();
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '*' || text.charAt(i) == '?') {
                return i;
            }
        }
        return text.length();
    }

    /**
     * @throws IllegalArgumentException for a variable whose syntax is wrong ({@code ${}}, a default not in
     *                                  single quotes), with a message naming it
     */
    public static PolicyTemplate parse(String text) {
        List<Object> parts = new ArrayList<>();
        List<PolicyVariable> variables = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            int close = open < 0 ? -1 : text.indexOf('}', open + 2);
            if (open < 0 || close < 0) {
                plain.append(text, i, text.length());
                break;
            }
            plain.append(text, i, open);
            String inner = text.substring(open + 2, close).trim();
            Object part = variablePart(inner, text.substring(open, close + 1));
            if (!plain.isEmpty()) {
                parts.add(plain.toString());
                plain.setLength(0);
            }
            parts.add(part);
            if (part instanceof PolicyVariable variable) {
                variables.add(variable);
            }
            i = close + 1;
        }
        if (!plain.isEmpty()) {
            parts.add(plain.toString());
        }
        return new PolicyTemplate(text, List.copyOf(parts), List.copyOf(variables));
    }

    private static Object variablePart(String inner, String whole) {
        if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
            return new Literal(inner);
        }
        String key = inner;
        Optional<String> defaultValue = Optional.empty();
        int comma = inner.indexOf(',');
        if (comma >= 0) {
            key = inner.substring(0, comma).trim();
            String rest = inner.substring(comma + 1).trim();
            if (rest.length() < 2 || rest.charAt(0) != '\'' || rest.charAt(rest.length() - 1) != '\''
                    || rest.indexOf('\'', 1) != rest.length() - 1) {
                throw new IllegalArgumentException("policy variable " + whole + " needs its default in single quotes");
            }
            defaultValue = Optional.of(rest.substring(1, rest.length() - 1));
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(c -> Character.isWhitespace(c) || c == '$' || c == '{')) {
            throw new IllegalArgumentException("policy variable " + whole + " does not name a condition key");
        }
        return new PolicyVariable(key, defaultValue);
    }

    /** Whether any {@code ${...}} variable (not counting the escapes) occurs. */
    public boolean hasVariables() {
        return !variables.isEmpty();
    }

    /** Whether any escape or variable occurs, i.e. the text is not plain. */
    public boolean hasSubstitutions() {
        for (Object part : parts) {
            if (!(part instanceof String)) {
                return true;
            }
        }
        return false;
    }

    public List<PolicyVariable> variables() {
        return variables;
    }

    public String source() {
        return source;
    }

    /**
     * Whether the text starts with this template's literal prefix: the text before its first wildcard or
     * variable, which every substitution starts with. A case-sensitive match of any substitution implies it,
     * so a text without it can be rejected before substituting (which allocates). Compared from the last
     * character back, where the templates of one policy tend to differ.
     */
    public boolean isLiteralPrefixOf(String text) {
        int length = literalPrefix.length();
        if (text.length() < length) {
            return false;
        }
        for (int i = length - 1; i >= 0; i--) {
            if (literalPrefix.charAt(i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every variable has a value (or a default) in this request, i.e. {@link #resolve} would not return null. */
    public boolean resolvable(ContextKeys context) {
        for (int i = 0; i < variables.size(); i++) {
            if (variables.get(i).resolve(context) == null) {
                return false;
            }
        }
        return true;
    }

    /** The variables whose value is missing in this request (for error messages). */
    public List<PolicyVariable> unresolved(ContextKeys context) {
        List<PolicyVariable> missing = new ArrayList<>();
        for (PolicyVariable variable : variables) {
            if (variable.resolve(context) == null) {
                missing.add(variable);
            }
        }
        return missing;
    }

    /** The substituted text, or null when a variable has no value and no default. */
    public String resolve(ContextKeys context) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        for (Object part : parts) {
            if (part instanceof String text) {
                out.append(text);
            } else if (part instanceof Literal literal) {
                out.append(literal.text());
            } else {
                String value = ((PolicyVariable) part).resolve(context);
                if (value == null) {
                    return null;
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    /**
     * The substituted text with, for each character, whether it must be taken literally (it came from a
     * variable or an escape); null when a variable has no value and no default.
     */
    public MarkedText resolveMarked(ContextKeys context) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        List<int[]> literalRuns = new ArrayList<>(2);
        for (Object part : parts) {
            if (part instanceof String text) {
                out.append(text);
                continue;
            }
            String value = part instanceof Literal literal ? literal.text() : ((PolicyVariable) part).resolve(context);
            if (value == null) {
                return null;
            }
            literalRuns.add(new int[]{out.length(), out.length() + value.length()});
            out.append(value);
        }
        boolean[] literal = new boolean[out.length()];
        for (int[] run : literalRuns) {
            java.util.Arrays.fill(literal, run[0], run[1], true);
        }
        return new MarkedText(out.toString(), literal);
    }

    /** Text plus a per-character "take literally" mark. */
    public record MarkedText(String text, boolean[] literal) {
    }

    @Override
    public String toString() {
        return source;
    }
}

package dev.sts.core.policy;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.match.WildcardPattern;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyTemplate;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement's Resource or NotResource. Patterns are case-sensitive globs bound to ARN segments (see
 * {@link WildcardPattern#ofResource}); under 2012-10-17 they may hold policy variables, substituted per
 * request. An entry whose variable has no value and no default matches nothing; if no other entry
 * matched, the element's answer is UNKNOWN, so the statement fails closed.
 */
final class ResourceMatcher {
    private static final ContextKeys NO_KEYS = key -> null;

    private final Object[] entries; // WildcardPattern or PolicyTemplate
    private final boolean negated;
    private final List<String> source;
    private final List<PolicyVariable> variables;

    ResourceMatcher(List<String> resources, boolean negated, boolean substituteVariables) {
        this.entries = new Object[resources.size()];
        List<PolicyVariable> vars = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            String text = resources.get(i);
            PolicyTemplate template = substituteVariables ? PolicyTemplate.parse(text) : null;
            if (template == null || !template.hasSubstitutions()) {
                entries[i] = WildcardPattern.ofResource(text);
            } else if (!template.hasVariables()) {
                entries[i] = compile(template.resolveMarked(NO_KEYS));
            } else {
                entries[i] = template;
                vars.addAll(template.variables());
            }
        }
        this.negated = negated;
        this.source = List.copyOf(resources);
        this.variables = List.copyOf(vars);
    }

    private static WildcardPattern compile(PolicyTemplate.MarkedText marked) {
        return WildcardPattern.compile(marked.text(), marked.literal(), 0, marked.text().length(), false, true);
    }

    /** YES when the statement covers the resource, NO when not, UNKNOWN when only an unresolved entry could have decided. */
    Tri covers(String resource, ContextKeys context) {
        boolean unresolved = false;
        for (Object entry : entries) {
            Tri matches = entry instanceof WildcardPattern pattern
                    ? Tri.of(pattern.matches(resource))
                    : templateMatches((PolicyTemplate) entry, resource, context);
            if (matches == Tri.YES) {
                return negated ? Tri.NO : Tri.YES;
            }
            unresolved |= matches == Tri.UNKNOWN;
        }
        if (unresolved) {
            return Tri.UNKNOWN;
        }
        return negated ? Tri.YES : Tri.NO;
    }

    /**
     * YES or NO; UNKNOWN when a variable has no value. Substituting builds a string and compiles a pattern,
     * so the template's literal prefix is checked first: when a policy has many statements, most of their
     * resources already differ there, and rejecting them costs no allocation.
     */
    private static Tri templateMatches(PolicyTemplate template, String resource, ContextKeys context) {
        if (!template.isLiteralPrefixOf(resource)) {
            return template.resolvable(context) ? Tri.NO : Tri.UNKNOWN;
        }
        PolicyTemplate.MarkedText marked = template.resolveMarked(context);
        if (marked == null) {
            return Tri.UNKNOWN;
        }
        return Tri.of(compile(marked).matches(resource));
    }

    /** The unresolved variables, for error messages. */
    List<String> unresolved(ContextKeys context) {
        List<String> out = new ArrayList<>();
        for (PolicyVariable variable : variables) {
            if (variable.resolve(context) == null) {
                out.add(variable.toString());
            }
        }
        return out;
    }

    List<PolicyVariable> variables() {
        return variables;
    }

    List<String> source() {
        return source;
    }

    boolean negated() {
        return negated;
    }
}

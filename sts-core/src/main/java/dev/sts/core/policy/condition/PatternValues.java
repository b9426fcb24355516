package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.match.WildcardPattern;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyTemplate;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.List;

/** StringLike / StringNotLike values: case-sensitive globs, compiled at parse time unless they hold variables. */
final class PatternValues extends ConditionValues {
    private final Object[] values; // WildcardPattern or PolicyTemplate
    private final List<PolicyVariable> variables;

    PatternValues(List<Object> values) {
        this.values = new Object[values.size()];
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof String text) {
                this.values[i] = WildcardPattern.of(text, false);
            } else if (!((PolicyTemplate) value).hasVariables()) {
                this.values[i] = compile(((PolicyTemplate) value).resolveMarked(noKeys()));
            } else {
                this.values[i] = value;
            }
        }
        this.variables = variablesOf(values);
    }

    private static WildcardPattern compile(PolicyTemplate.MarkedText marked) {
        return WildcardPattern.compile(marked.text(), marked.literal(), 0, marked.text().length(), false, false);
    }

    @Override
    public Tri anyMatches(String requestValue, ContextKeys context) {
        boolean unresolved = false;
        for (Object value : values) {
            Tri matches = value instanceof WildcardPattern pattern
                    ? Tri.of(pattern.matches(requestValue))
                    : templateMatches((PolicyTemplate) value, requestValue, context);
            if (matches == Tri.YES) {
                return Tri.YES;
            }
            unresolved |= matches == Tri.UNKNOWN;
        }
        return unresolved ? Tri.UNKNOWN : Tri.NO;
    }

    /** YES or NO; UNKNOWN when a variable has no value. The literal prefix is checked before substituting, which allocates. */
    private static Tri templateMatches(PolicyTemplate template, String requestValue, ContextKeys context) {
        if (!template.isLiteralPrefixOf(requestValue)) {
            return template.resolvable(context) ? Tri.NO : Tri.UNKNOWN;
        }
        PolicyTemplate.MarkedText marked = template.resolveMarked(context);
        if (marked == null) {
            return Tri.UNKNOWN;
        }
        return Tri.of(compile(marked).matches(requestValue));
    }

    @Override
    public List<PolicyVariable> variables() {
        return variables;
    }

    @Override
    protected boolean acceptsRequestValue(String requestValue) {
        return true;
    }

    @Override
    protected String expected() {
        return "a string";
    }
}

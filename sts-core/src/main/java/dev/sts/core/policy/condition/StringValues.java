package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyTemplate;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.List;

/** StringEquals / StringEqualsIgnoreCase values (and their negations): exact comparison, optionally ignoring case. */
final class StringValues extends ConditionValues {
    private final Object[] values; // String or PolicyTemplate
    private final boolean ignoreCase;
    private final List<PolicyVariable> variables;

    StringValues(List<Object> values, boolean ignoreCase) {
        this.values = values.toArray();
        this.ignoreCase = ignoreCase;
        this.variables = variablesOf(values);
    }

    @Override
    public Tri anyMatches(String requestValue, ContextKeys context) {
        boolean unresolved = false;
        for (Object value : values) {
            String text = value instanceof String s ? s : ((PolicyTemplate) value).resolve(context);
            if (text == null) {
                unresolved = true;
            } else if (ignoreCase ? text.equalsIgnoreCase(requestValue) : text.equals(requestValue)) {
                return Tri.YES;
            }
        }
        return unresolved ? Tri.UNKNOWN : Tri.NO;
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

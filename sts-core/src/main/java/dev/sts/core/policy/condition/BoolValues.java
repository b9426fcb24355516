package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyTemplate;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.List;

/** Bool values: {@code true} or {@code false}, case-insensitively, as JSON booleans or strings. */
final class BoolValues extends ConditionValues {
    private final Object[] values; // Boolean or PolicyTemplate
    private final List<PolicyVariable> variables;

    BoolValues(List<Object> values) {
        this.values = new Object[values.size()];
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof String text) {
                Boolean parsed = parse(text);
                if (parsed == null) {
                    throw new IllegalArgumentException("'" + abbreviate(text) + "' is not true or false");
                }
                this.values[i] = parsed;
            } else {
                this.values[i] = value;
            }
        }
        this.variables = variablesOf(values);
    }

    static Boolean parse(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return Boolean.TRUE;
        }
        return "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }

    @Override
    public Tri anyMatches(String requestValue, ContextKeys context) {
        Boolean request = parse(requestValue);
        if (request == null) {
            return Tri.UNKNOWN;
        }
        Tri result = Tri.NO;
        for (Object value : values) {
            Boolean policy = value instanceof Boolean b ? b : parse(((PolicyTemplate) value).resolve(context));
            if (policy == null) {
                result = Tri.UNKNOWN;
            } else if (policy.equals(request)) {
                return Tri.YES;
            }
        }
        return result;
    }

    @Override
    public List<PolicyVariable> variables() {
        return variables;
    }

    @Override
    protected boolean acceptsRequestValue(String requestValue) {
        return parse(requestValue) != null;
    }

    @Override
    protected String expected() {
        return "true or false";
    }
}

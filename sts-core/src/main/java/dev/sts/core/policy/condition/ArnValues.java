package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.ArnPattern;
import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyTemplate;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.List;

/** ArnEquals / ArnLike values (and negations): component-wise ARN globs. */
final class ArnValues extends ConditionValues {
    private final Object[] values; // ArnPattern or PolicyTemplate
    private final List<PolicyVariable> variables;

    ArnValues(List<Object> values) {
        this.values = new Object[values.size()];
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof String text) {
                this.values[i] = ArnPattern.of(text);
            } else if (!((PolicyTemplate) value).hasVariables()) {
                PolicyTemplate.MarkedText marked = ((PolicyTemplate) value).resolveMarked(noKeys());
                this.values[i] = ArnPattern.compile(marked.text(), marked.literal());
            } else {
                this.values[i] = value;
            }
        }
        this.variables = variablesOf(values);
    }

    @Override
    public Tri anyMatches(String requestValue, ContextKeys context) {
        Tri result = Tri.NO;
        for (Object value : values) {
            ArnPattern pattern;
            if (value instanceof ArnPattern compiled) {
                pattern = compiled;
            } else {
                PolicyTemplate.MarkedText marked = ((PolicyTemplate) value).resolveMarked(context);
                if (marked == null) {
                    result = result.or(Tri.UNKNOWN);
                    continue;
                }
                pattern = ArnPattern.compile(marked.text(), marked.literal());
            }
            result = result.or(pattern.matches(requestValue));
            if (result == Tri.YES) {
                return result;
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
        return ArnPattern.isArnShaped(requestValue);
    }

    @Override
    protected String expected() {
        return "an ARN";
    }
}

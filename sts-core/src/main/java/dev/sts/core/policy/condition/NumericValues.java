package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.List;

/** Numeric operator values, parsed at parse time. */
final class NumericValues extends ConditionValues {
    private final PolicyNumber[] values;
    private final ConditionOperator.Comparison comparison;

    NumericValues(List<String> raw, ConditionOperator.Comparison comparison) {
        this.values = new PolicyNumber[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            values[i] = PolicyNumber.parse(raw.get(i));
            if (values[i] == null) {
                throw new IllegalArgumentException("'" + abbreviate(raw.get(i)) + "' is not a number");
            }
        }
        this.comparison = comparison;
    }

    @Override
    public Tri anyMatches(String requestValue, ContextKeys context) {
        PolicyNumber request = PolicyNumber.parse(requestValue);
        if (request == null) {
            return Tri.UNKNOWN;
        }
        for (PolicyNumber value : values) {
            if (comparison.holds(request.compareTo(value))) {
                return Tri.YES;
            }
        }
        return Tri.NO;
    }

    @Override
    public List<PolicyVariable> variables() {
        return List.of();
    }

    @Override
    protected boolean acceptsRequestValue(String requestValue) {
        return PolicyNumber.parse(requestValue) != null;
    }

    @Override
    protected String expected() {
        return "a number";
    }
}

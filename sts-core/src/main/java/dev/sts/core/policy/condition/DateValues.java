package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.List;

/** Date operator values, parsed at parse time to epoch milliseconds. */
final class DateValues extends ConditionValues {
    private final long[] values;
    private final ConditionOperator.Comparison comparison;

    DateValues(List<String> raw, ConditionOperator.Comparison comparison) {
        this.values = new long[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            Long parsed = PolicyDates.parse(raw.get(i));
            if (parsed == null) {
                throw new IllegalArgumentException("'" + abbreviate(raw.get(i)) + "' is not a date (ISO 8601 or epoch seconds)");
            }
            values[i] = parsed;
        }
        this.comparison = comparison;
    }

    @Override
    public Tri anyMatches(String requestValue, ContextKeys context) {
        Long request = PolicyDates.parse(requestValue);
        if (request == null) {
            return Tri.UNKNOWN;
        }
        for (long value : values) {
            if (comparison.holds(Long.compare(request, value))) {
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
        return PolicyDates.parse(requestValue) != null;
    }

    @Override
    protected String expected() {
        return "a date";
    }
}

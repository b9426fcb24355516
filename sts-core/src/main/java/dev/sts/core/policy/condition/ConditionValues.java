package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyTemplate;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of one condition key, compiled for their operator's family at parse time. Each answers the
 * positive question "does this one request value match any of the policy values?"; negation, set
 * qualifiers and absent keys are the {@link Condition}'s business.
 */
public abstract class ConditionValues {
    private static final ContextKeys NO_KEYS = key -> null;

    /**
     * @return YES when some policy value matches; UNKNOWN when none does and the request value is not of the
     * operator's type or a policy variable had no value; NO otherwise
     */
    public abstract Tri anyMatches(String requestValue, ContextKeys context);

    /** The policy variables the values refer to (empty when substitution is off or unused). */
    public abstract List<PolicyVariable> variables();

    /** Why {@link #anyMatches} answered UNKNOWN for this request value, for {@code Decision.errors}. */
    public String problem(String requestValue, ContextKeys context) {
        StringBuilder out = new StringBuilder();
        if (!acceptsRequestValue(requestValue)) {
            out.append("request value '").append(abbreviate(requestValue)).append("' is not ").append(expected());
        }
        for (PolicyVariable variable : variables()) {
            if (variable.resolve(context) == null) {
                out.append(out.isEmpty() ? "" : "; ").append("policy variable ").append(variable).append(" has no value");
            }
        }
        return out.isEmpty() ? "cannot be evaluated" : out.toString();
    }

    /** Whether a request value has the type this family compares. */
    protected abstract boolean acceptsRequestValue(String requestValue);

    /** "a date", "a number", ... for messages. */
    protected abstract String expected();

    /**
     * Compiles the raw JSON texts of a condition key's values for an operator.
     *
     * @param substituteVariables true under policy language 2012-10-17
     * @throws IllegalArgumentException naming the first value that is not valid for the operator
     */
    public static ConditionValues compile(ConditionOperator operator, List<String> raw, boolean substituteVariables) {
        ConditionOperator.Family family = operator.family();
        boolean variables = substituteVariables && family.acceptsVariables();
        return switch (family) {
            case STRING -> new StringValues(templates(raw, variables), false);
            case STRING_IGNORE_CASE -> new StringValues(templates(raw, variables), true);
            case STRING_LIKE -> new PatternValues(templates(raw, variables));
            case ARN -> new ArnValues(templates(raw, variables));
            case BOOL -> new BoolValues(templates(raw, variables));
            case NUMERIC -> new NumericValues(raw, operator.comparison());
            case DATE -> new DateValues(raw, operator.comparison());
            case BINARY -> new BinaryValues(raw);
            case IP -> new IpValues(raw);
            case NULL -> throw new IllegalArgumentException("Null takes no compiled values");
        };
    }

    /** Each raw value as a template when substitution applies and it has substitutions, else as plain text. */
    private static List<Object> templates(List<String> raw, boolean variables) {
        List<Object> out = new ArrayList<>(raw.size());
        for (String value : raw) {
            PolicyTemplate template = variables ? PolicyTemplate.parse(value) : null;
            out.add(template != null && template.hasSubstitutions() ? template : value);
        }
        return out;
    }

    static ContextKeys noKeys() {
        return NO_KEYS;
    }

    static List<PolicyVariable> variablesOf(List<Object> values) {
        List<PolicyVariable> out = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof PolicyTemplate template) {
                out.addAll(template.variables());
            }
        }
        return List.copyOf(out);
    }

    static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}

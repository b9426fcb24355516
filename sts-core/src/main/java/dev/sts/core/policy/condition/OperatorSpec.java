package dev.sts.core.policy.condition;

/**
 * A condition operator as written in a policy: {@code [ForAllValues:|ForAnyValue:]Operator[IfExists]}.
 * Names are case-sensitive, as AWS spells them; {@code Null} takes no {@code IfExists}.
 */
public record OperatorSpec(SetQualifier qualifier, ConditionOperator operator, boolean ifExists) {

    /** @return the parsed operator, or null when the text names none */
    public static OperatorSpec parse(String text) {
        SetQualifier qualifier = SetQualifier.NONE;
        String rest = text;
        for (SetQualifier candidate : new SetQualifier[]{SetQualifier.FOR_ALL_VALUES, SetQualifier.FOR_ANY_VALUE}) {
            if (rest.startsWith(candidate.prefix())) {
                qualifier = candidate;
                rest = rest.substring(candidate.prefix().length());
            }
        }
        ConditionOperator operator = ConditionOperator.byWireName(rest);
        if (operator != null) {
            return new OperatorSpec(qualifier, operator, false);
        }
        if (rest.endsWith("IfExists")) {
            operator = ConditionOperator.byWireName(rest.substring(0, rest.length() - "IfExists".length()));
            if (operator != null && operator != ConditionOperator.NULL) {
                return new OperatorSpec(qualifier, operator, true);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return qualifier.prefix() + operator.wireName() + (ifExists ? "IfExists" : "");
    }
}

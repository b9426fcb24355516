package dev.sts.core.policy.condition;

/** How a condition treats a multi-valued request key: {@code ForAllValues:}, {@code ForAnyValue:} or neither. */
public enum SetQualifier {
    /** No qualifier: true when any request value satisfies the positive operator; a negated operator is its exact negation. */
    NONE(""),
    /** Every request value must satisfy the operator; an absent or empty set is true. */
    FOR_ALL_VALUES("ForAllValues:"),
    /** At least one request value must satisfy the operator; an absent or empty set is false. */
    FOR_ANY_VALUE("ForAnyValue:");

    private final String prefix;

    SetQualifier(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}

package dev.sts.core.policy.condition;

import java.util.HashMap;
import java.util.Map;

/**
 * The base condition operators of "IAM JSON policy elements: Condition operators", without the
 * {@code IfExists} suffix or a set qualifier. A negated operator is the exact negation of its positive
 * partner over the request's values ({@code StringNotEquals [a, b]} holds only when the value is neither).
 */
public enum ConditionOperator {
    STRING_EQUALS("StringEquals", Family.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Family.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Family.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false, Comparison.EQUAL),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true, Comparison.EQUAL),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false, Comparison.LESS),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false, Comparison.LESS_OR_EQUAL),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false, Comparison.GREATER),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false, Comparison.GREATER_OR_EQUAL),
    DATE_EQUALS("DateEquals", Family.DATE, false, Comparison.EQUAL),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true, Comparison.EQUAL),
    DATE_LESS_THAN("DateLessThan", Family.DATE, false, Comparison.LESS),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false, Comparison.LESS_OR_EQUAL),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false, Comparison.GREATER),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false, Comparison.GREATER_OR_EQUAL),
    BOOL("Bool", Family.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
    IP_ADDRESS("IpAddress", Family.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
    ARN_EQUALS("ArnEquals", Family.ARN, false),
    ARN_LIKE("ArnLike", Family.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
    NULL("Null", Family.NULL, false);

    /** What kind of value an operator compares, which decides how its policy values compile. */
    public enum Family {
        STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL;

        /** Whether policy variables are substituted in this family's values (AWS: string, ARN and Boolean operators). */
        public boolean acceptsVariables() {
            return this == STRING || this == STRING_IGNORE_CASE || this == STRING_LIKE || this == ARN || this == BOOL;
        }
    }

    /** How a Numeric or Date operator orders the request value against the policy value. */
    public enum Comparison {
        EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL;

        /** @param order the sign of compare(requestValue, policyValue) */
        public boolean holds(int order) {
            return switch (this) {
                case EQUAL -> order == 0;
                case LESS -> order < 0;
                case LESS_OR_EQUAL -> order <= 0;
                case GREATER -> order > 0;
                case GREATER_OR_EQUAL -> order >= 0;
            };
        }
    }

    private static final Map<String, ConditionOperator> BY_NAME = new HashMap<>();

    static {
        for (ConditionOperator operator : values()) {
            BY_NAME.put(operator.wireName, operator);
        }
    }

    private final String wireName;
    private final Family family;
    private final boolean negated;
    private final Comparison comparison;

    ConditionOperator(String wireName, Family family, boolean negated) {
        this(wireName, family, negated, Comparison.EQUAL);
    }

    ConditionOperator(String wireName, Family family, boolean negated, Comparison comparison) {
        this.wireName = wireName;
        this.family = family;
        this.negated = negated;
        this.comparison = comparison;
    }

    /** The operator as policies spell it (case-sensitive), or null. */
    public static ConditionOperator byWireName(String name) {
        return BY_NAME.get(name);
    }

    public String wireName() {
        return wireName;
    }

    public Family family() {
        return family;
    }

    public boolean negated() {
        return negated;
    }

    public Comparison comparison() {
        return comparison;
    }
}

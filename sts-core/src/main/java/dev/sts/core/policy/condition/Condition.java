package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.List;
import java.util.Locale;

/**
 * One operator applied to one condition key with its values, e.g. {@code "StringLike": {"s3:prefix": ["home/*"]}}.
 *
 * <p>Semantics (AWS "Condition operators" and "Set operators"): the key's policy values are ORed; a key
 * absent from the request (or carrying an empty set) makes the condition false, except that it is true for
 * a negated operator, for {@code …IfExists}, and for {@code ForAllValues:}, and false for {@code ForAnyValue:}.
 * {@code Null: true} means "the key is absent". Without a qualifier a multi-valued request key is true for a
 * positive operator when any of its values matches, and a negated operator is the exact negation of that.
 * With {@code ForAnyValue:} some request value, with {@code ForAllValues:} every request value, must satisfy
 * the (possibly negated) operator. A request value of the wrong type, or a policy variable with no value,
 * makes the result {@link Tri#UNKNOWN} unless a definite answer exists anyway.
 */
public final class Condition {
    private final OperatorSpec spec;
    private final String key;
    private final String lowerCaseKey;
    private final ConditionValues values; // null for Null
    private final boolean[] nullExpectsAbsent; // for Null only

    private Condition(OperatorSpec spec, String key, ConditionValues values, boolean[] nullExpectsAbsent) {
        this.spec = spec;
        this.key = key;
        this.lowerCaseKey = key.toLowerCase(Locale.ROOT);
        this.values = values;
        this.nullExpectsAbsent = nullExpectsAbsent;
    }

    /**
     * @param rawValues the values' JSON texts (strings as they are, numbers and booleans as written)
     * @throws IllegalArgumentException naming the first value that is invalid for the operator
     */
    public static Condition compile(OperatorSpec spec, String key, List<String> rawValues, boolean substituteVariables) {
        if (spec.operator() == ConditionOperator.NULL) {
            boolean[] expectsAbsent = new boolean[rawValues.size()];
            for (int i = 0; i < rawValues.size(); i++) {
                Boolean value = BoolValues.parse(rawValues.get(i));
                if (value == null) {
                    throw new IllegalArgumentException("'" + ConditionValues.abbreviate(rawValues.get(i)) + "' is not true or false");
                }
                expectsAbsent[i] = value;
            }
            return new Condition(spec, key, null, expectsAbsent);
        }
        return new Condition(spec, key, ConditionValues.compile(spec.operator(), rawValues, substituteVariables), null);
    }

    public OperatorSpec operator() {
        return spec;
    }

    /** The key as the policy spells it. */
    public String key() {
        return key;
    }

    public String lowerCaseKey() {
        return lowerCaseKey;
    }

    public List<PolicyVariable> variables() {
        return values == null ? List.of() : values.variables();
    }

    public Tri evaluate(ContextKeys context) {
        List<String> requestValues = context.valuesOf(lowerCaseKey);
        boolean absent = requestValues == null || requestValues.isEmpty();
        if (spec.operator() == ConditionOperator.NULL) {
            for (boolean expectsAbsent : nullExpectsAbsent) {
                if (expectsAbsent == absent) {
                    return Tri.YES;
                }
            }
            return Tri.NO;
        }
        if (absent) {
            if (spec.ifExists() || spec.qualifier() == SetQualifier.FOR_ALL_VALUES) {
                return Tri.YES;
            }
            if (spec.qualifier() == SetQualifier.FOR_ANY_VALUE) {
                return Tri.NO;
            }
            return Tri.of(spec.operator().negated());
        }
        boolean negated = spec.operator().negated();
        switch (spec.qualifier()) {
            case FOR_ALL_VALUES: {
                Tri all = Tri.YES;
                for (String value : requestValues) {
                    Tri one = values.anyMatches(value, context);
                    all = all.and(negated ? one.not() : one);
                    if (all == Tri.NO) {
                        break;
                    }
                }
                return all;
            }
            case FOR_ANY_VALUE: {
                Tri any = Tri.NO;
                for (String value : requestValues) {
                    Tri one = values.anyMatches(value, context);
                    any = any.or(negated ? one.not() : one);
                    if (any == Tri.YES) {
                        break;
                    }
                }
                return any;
            }
            default: {
                Tri any = Tri.NO;
                for (String value : requestValues) {
                    any = any.or(values.anyMatches(value, context));
                    if (any == Tri.YES) {
                        break;
                    }
                }
                return negated ? any.not() : any;
            }
        }
    }

    /** Why {@link #evaluate} could not decide, for {@code Decision.errors}. */
    public String problem(ContextKeys context) {
        List<String> requestValues = context.valuesOf(lowerCaseKey);
        String detail = "cannot be evaluated";
        if (values != null && requestValues != null) {
            for (String value : requestValues) {
                if (values.anyMatches(value, context) == Tri.UNKNOWN) {
                    detail = values.problem(value, context);
                    break;
                }
            }
        }
        return spec + " on " + key + ": " + detail;
    }

    @Override
    public String toString() {
        return spec + " " + key;
    }
}

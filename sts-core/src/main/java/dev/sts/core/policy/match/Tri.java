package dev.sts.core.policy.match;

/**
 * A three-valued truth: what a policy element says about a request when part of it may not be evaluable.
 * {@link #UNKNOWN} is "the engine could not decide" (a request value of the wrong type, a policy variable
 * with no value); callers fail closed on it: an Allow never applies, a Deny does. Combination follows
 * Kleene's logic, so a definite {@code NO} still wins an AND and a definite {@code YES} still wins an OR.
 */
public enum Tri {
    YES, NO, UNKNOWN;

    public static Tri of(boolean value) {
        return value ? YES : NO;
    }

    public Tri not() {
        return this == YES ? NO : this == NO ? YES : UNKNOWN;
    }

    public Tri and(Tri other) {
        if (this == NO || other == NO) {
            return NO;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : YES;
    }

    public Tri or(Tri other) {
        if (this == YES || other == YES) {
            return YES;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : NO;
    }
}

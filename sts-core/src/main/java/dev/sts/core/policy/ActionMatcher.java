package dev.sts.core.policy;

import dev.sts.core.policy.match.WildcardPattern;

import java.util.List;

/** A statement's Action or NotAction: {@code service:Action} globs, case-insensitive. */
final class ActionMatcher {
    private final WildcardPattern[] patterns;
    private final boolean negated;
    private final List<String> source;

    ActionMatcher(List<String> actions, boolean negated) {
        this.patterns = actions.stream().map(a -> WildcardPattern.of(a, true)).toArray(WildcardPattern[]::new);
        this.negated = negated;
        this.source = List.copyOf(actions);
    }

    /** Whether the statement covers the action (for NotAction: whether no pattern names it). */
    boolean covers(String action) {
        for (WildcardPattern pattern : patterns) {
            if (pattern.matches(action)) {
                return !negated;
            }
        }
        return negated;
    }

    List<String> source() {
        return source;
    }

    boolean negated() {
        return negated;
    }
}

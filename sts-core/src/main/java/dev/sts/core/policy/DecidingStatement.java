package dev.sts.core.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A statement that decided an outcome: the allowing statements of an ALLOWED decision, the denying ones of
 * an EXPLICIT_DENY.
 *
 * @param statementIndex the statement's position in its policy's {@code Statement} (0-based)
 */
public record DecidingStatement(String policyName, PolicyType policyType, Optional<String> sid, int statementIndex, Effect effect) {
    public DecidingStatement {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(policyType, "policyType");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(effect, "effect");
    }
}

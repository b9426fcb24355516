package dev.sts.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * The result of an evaluation, a value: never an exception.
 *
 * @param decidingStatements for ALLOWED the allowing statements (identity and resource), for EXPLICIT_DENY
 *                           the denying ones, for IMPLICIT_DENY none
 * @param missingContextKeys condition keys (and policy-variable keys) read by statements that matched the
 *                           action, resource and principal but absent from the request, as IAM's simulator
 *                           reports them; spelled as the policies spell them, without duplicates
 * @param errors             what could not be evaluated (a request value of the wrong type, a policy variable
 *                           with no value); each such statement failed closed
 */
public record Decision(Outcome outcome, List<DecidingStatement> decidingStatements, List<String> missingContextKeys,
                       List<String> errors) {

    /** Outcomes, with the names IAM's SimulatePrincipalPolicy uses for them. */
    public enum Outcome {
        ALLOWED("allowed"), EXPLICIT_DENY("explicitDeny"), IMPLICIT_DENY("implicitDeny");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        /** {@code allowed}, {@code explicitDeny} or {@code implicitDeny}. */
        public String wireName() {
            return wireName;
        }

        public static Outcome byWireName(String name) {
            for (Outcome outcome : values()) {
                if (outcome.wireName.equals(name)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("unknown outcome " + name);
        }
    }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        decidingStatements = List.copyOf(decidingStatements);
        missingContextKeys = List.copyOf(missingContextKeys);
        errors = List.copyOf(errors);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}

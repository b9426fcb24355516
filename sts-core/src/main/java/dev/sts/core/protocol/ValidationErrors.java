package dev.sts.core.protocol;

import dev.sts.core.error.StsException;

import java.util.ArrayList;
import java.util.List;

/**
 * The constraint violations of one request, gathered member by member and refused together, as AWS's front end
 * refuses them: {@code 2 validation errors detected: Value 'a' at 'roleSessionName' failed to satisfy constraint:
 * Member must have length greater than or equal to 2; Value '60' at 'durationSeconds' failed to satisfy
 * constraint: Member must have value greater than or equal to 900}. A client that fixes one mistake is then
 * not sent back for the next.
 */
public final class ValidationErrors {
    private final List<String> violations = new ArrayList<>();

    /** A member the action requires is absent. */
    public void missing(String member) {
        violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    }

    /**
     * @param shownValue the value as AWS echoes it, or null for members whose value AWS leaves out of the message
     *                   (the policy text, secrets such as the token code)
     */
    public void violated(String member, String shownValue, String constraint) {
        violations.add((shownValue == null ? "Value" : "Value '" + shownValue + "'") + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    /** @throws StsException ValidationError naming every violation, when there is any */
    public void throwIfAny() {
        if (violations.isEmpty()) {
            return;
        }
        int count = violations.size();
        throw StsException.validation(count + (count == 1 ? " validation error" : " validation errors") + " detected: "
                + String.join("; ", violations));
    }
}

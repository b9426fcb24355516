package dev.sts.core.policy.variable;

import java.util.List;

/** The request's condition keys as the matchers read them: keys are looked up already lower-cased. */
public interface ContextKeys {
    /** @return the key's values, or null when the request does not carry the key */
    List<String> valuesOf(String lowerCaseKey);
}

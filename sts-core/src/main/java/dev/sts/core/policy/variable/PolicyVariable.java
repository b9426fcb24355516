package dev.sts.core.policy.variable;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code ${key}} or {@code ${key, 'default'}} reference. It resolves to the key's single value in the
 * request, else to the default; a multi-valued key cannot be a variable (AWS: "you can't use multivalued
 * context keys as policy variables"), so it resolves like an absent one.
 */
public record PolicyVariable(String key, Optional<String> defaultValue) {
    public String lowerCaseKey() {
        return key.toLowerCase(Locale.ROOT);
    }

    /** @return the value, or null when it has none */
    public String resolve(ContextKeys context) {
        List<String> values = context.valuesOf(lowerCaseKey());
        if (values != null && values.size() == 1) {
            return values.get(0);
        }
        return defaultValue.orElse(null);
    }

    @Override
    public String toString() {
        return "${" + key + defaultValue.map(d -> ", '" + d + "'").orElse("") + "}";
    }
}

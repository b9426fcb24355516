package dev.sts.core.policy.variable;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code ${key}} or {@code ${key, 'default'}} reference. It resolves to the key's single value in the
 * request, else to the default; a multi-valued key cannot be a variable (AWS: "you can't use multivalued
 * context keys as policy variables"), so it resolves like an absent one.
 *
 * <p>A value class (equal when key and default are equal). It is a class rather than a record only so that
 * it can keep the lower-cased key, computed once here instead of on every lookup during evaluation.
 */
public final class PolicyVariable {
    private final String key;
    private final Optional<String> defaultValue;
    private final String lowerCaseKey;

    public PolicyVariable(String key, Optional<String> defaultValue) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.lowerCaseKey = key.toLowerCase(Locale.ROOT);
    }

    /** The key as the policy spells it. */
    public String key() {
        return key;
    }

    public Optional<String> defaultValue() {
        return defaultValue;
    }

    public String lowerCaseKey() {
        return lowerCaseKey;
    }

    /** @return the value, or null when it has none */
    public String resolve(ContextKeys context) {
        List<String> values = context.valuesOf(lowerCaseKey);
        if (values != null && values.size() == 1) {
            return values.get(0);
        }
        return defaultValue.orElse(null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PolicyVariable that && key.equals(that.key) && defaultValue.equals(that.defaultValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, defaultValue);
    }

    @Override
    public String toString() {
        return "${" + key + defaultValue.map(d -> ", '" + d + "'").orElse("") + "}";
    }
}

package dev.sts.core.policy;

/** A statement's {@code Effect}. */
public enum Effect {
    ALLOW("Allow"), DENY("Deny");

    private final String wireName;

    Effect(String wireName) {
        this.wireName = wireName;
    }

    /** As policies spell it (case-sensitive). */
    public String wireName() {
        return wireName;
    }

    static Effect byWireName(String text) {
        for (Effect effect : values()) {
            if (effect.wireName.equals(text)) {
                return effect;
            }
        }
        return null;
    }
}

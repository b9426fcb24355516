package dev.sts.core.policy;

/**
 * The parser's hard limits on hostile input. They bound work and memory, not IAM's quotas: the services
 * apply their own smaller size quotas (see {@link PolicySize}) before or after parsing.
 */
public final class PolicyLimits {
    /** Characters in a document, checked before any parsing. */
    public static final int MAX_DOCUMENT_CHARS = 131_072;
    /** Nesting of JSON objects and arrays; a valid policy needs 6. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Elements in any one JSON array (statements, actions, resources, principals, condition values). */
    public static final int MAX_ARRAY_ELEMENTS = 4_096;
    /** Characters in any one JSON number. */
    public static final int MAX_NUMBER_CHARS = 64;

    private PolicyLimits() {
    }
}

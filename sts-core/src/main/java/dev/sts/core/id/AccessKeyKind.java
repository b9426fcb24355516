package dev.sts.core.id;

/** What an access key id's prefix says it is. */
public enum AccessKeyKind {
    /** {@code AKIA…}: a long-term key of a user or an account root. */
    LONG_TERM,
    /** {@code ASIA…}: temporary credentials issued by this STS, always paired with a session token. */
    TEMPORARY,
    /** Anything else: no key this platform ever issued. */
    UNKNOWN;

    public static AccessKeyKind of(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.length() != Identifiers.ACCESS_KEY_ID_LENGTH
                || !Identifiers.isUpperAlphanumeric(accessKeyId)) {
            return UNKNOWN;
        }
        if (accessKeyId.startsWith(Identifiers.LONG_TERM_KEY_PREFIX)) {
            return LONG_TERM;
        }
        if (accessKeyId.startsWith(Identifiers.TEMPORARY_KEY_PREFIX)) {
            return TEMPORARY;
        }
        return UNKNOWN;
    }
}

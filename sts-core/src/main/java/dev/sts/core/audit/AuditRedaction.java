package dev.sts.core.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Removes secrets from audit payloads. Secret keys and session tokens are dropped entirely; one-time
 * codes and identity assertions are replaced with CloudTrail's own marker, so a reader sees they were sent.
 */
public final class AuditRedaction {
    public static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    /** Dropped: credentials, and the web identity token, which CloudTrail leaves out of AssumeRoleWithWebIdentity's record. */
    private static final Set<String> DROPPED = Set.of("secretaccesskey", "sessiontoken", "password", "privatekey",
            "webidentitytoken");
    private static final Set<String> HIDDEN_KEYS = Set.of("tokencode", "authenticationcode1", "authenticationcode2",
            "samlassertion", "base32stringseed", "qrcodepng");

    private AuditRedaction() {
    }

    public static Map<String, Object> scrub(Map<String, Object> payload) {
        if (payload == null) {
            return null;
        }
        Map<String, Object> clean = new LinkedHashMap<>();
        payload.forEach((key, value) -> {
            String normalized = key.toLowerCase(Locale.ROOT);
            if (DROPPED.contains(normalized)) {
                return;
            }
            clean.put(key, HIDDEN_KEYS.contains(normalized) ? HIDDEN : scrubValue(value));
        });
        return Collections.unmodifiableMap(clean);
    }

    @SuppressWarnings("unchecked")
    private static Object scrubValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return scrub((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AuditRedaction::scrubValue).toList();
        }
        return value;
    }
}

package dev.sts.core.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A revocation of temporary credentials, beyond what AWS can do: one session, every session of a role
 * issued before a time, or every session of a principal issued before a time. It lasts until the
 * longest session it can affect would have expired anyway, then it is forgotten.
 *
 * @param scope        what is revoked
 * @param target       the session's access key id, the role's ARN, or the principal's ARN
 * @param issuedBefore sessions issued before this instant are revoked (for SESSION: the revocation time)
 * @param expiresAt    when the revocation can be forgotten
 */
public record Revocation(Scope scope, String target, Instant issuedBefore, Instant expiresAt) {
    public static final String TOPIC = "sts.revocations.v1";
    /** The longest any session lives (GetSessionToken, GetFederationToken: 36 hours). */
    public static final Duration LONGEST_SESSION = Duration.ofSeconds(129_600);
    /** The longest a role session lives (MaxSessionDuration: 12 hours). */
    public static final Duration LONGEST_ROLE_SESSION = Duration.ofSeconds(43_200);
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Scope { SESSION, ROLE, PRINCIPAL }

    public Revocation {
        Objects.requireNonNull(scope);
        Objects.requireNonNull(target);
        Objects.requireNonNull(issuedBefore);
        Objects.requireNonNull(expiresAt);
    }

    /** One session, until it would have expired. */
    public static Revocation ofSession(String accessKeyId, Instant now, Instant sessionExpiry) {
        return new Revocation(Scope.SESSION, accessKeyId, now, sessionExpiry);
    }

    /** Every session of a role issued before {@code before}: forgotten when the longest of them would have expired. */
    public static Revocation ofRole(String roleArn, Instant before) {
        return new Revocation(Scope.ROLE, roleArn, before, before.plus(LONGEST_ROLE_SESSION));
    }

    /** Every session whose principal is {@code principalArn}, issued before {@code before}. */
    public static Revocation ofPrincipal(String principalArn, Instant before) {
        return new Revocation(Scope.PRINCIPAL, principalArn, before, before.plus(LONGEST_SESSION));
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The key this revocation is stored and looked up under. */
    public String key() {
        return scope.name().toLowerCase(java.util.Locale.ROOT) + ":" + target;
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("scope", scope.name());
        node.put("target", target);
        node.put("issuedBefore", issuedBefore.toString());
        node.put("expiresAt", expiresAt.toString());
        return node.toString();
    }

    /** Empty for anything that is not a well-formed revocation. */
    public static Optional<Revocation> fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return Optional.of(new Revocation(Scope.valueOf(node.get("scope").asText()), node.get("target").asText(),
                    Instant.parse(node.get("issuedBefore").asText()), Instant.parse(node.get("expiresAt").asText())));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}

package dev.sts.core.revocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A revocation of temporary credentials, beyond what AWS can do. Revocation follows a session's
 * {@link dev.sts.core.token.SessionLineage lineage}:
 * <ul>
 *   <li>SESSION: one session and every session derived from it at any depth, whenever issued;</li>
 *   <li>ROLE: every session of the role issued before the cut-off, and every session chained from such a
 *       session (whatever role it is of);</li>
 *   <li>PRINCIPAL: every session whose chain starts at the principal (an IAM user's or a root's ARN) with a
 *       session issued before the cut-off — GetSessionToken, GetFederationToken, AssumeRole and everything
 *       chained from them — and every session whose own ARN is the target and was issued before the cut-off. The
 *       principal may be an identity provider ({@code arn:aws:iam::ACCT:oidc-provider/HOST/PATH}: every session
 *       issued through it by AssumeRoleWithWebIdentity, and chained from one) or one subject of a provider
 *       ({@code <provider ARN>#<sub>}, {@link dev.sts.core.token.SessionLineage#subjectTarget}).</li>
 * </ul>
 * A revoked session is refused at authentication, so it can mint nothing new. A revocation lasts until the
 * longest session it can affect would have expired anyway, then it is forgotten. Revocations only ever
 * grow: two of one target combine to the later cut-off and the later expiry ({@link #strongest}).
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

    /**
     * One session and its descendants: until the session would have expired, and at least as long as a
     * session derived from it before now could live (a derived session lasts at most {@link #LONGEST_ROLE_SESSION}).
     */
    public static Revocation ofSession(String accessKeyId, Instant now, Instant sessionExpiry) {
        return new Revocation(Scope.SESSION, accessKeyId, now, later(sessionExpiry, now.plus(LONGEST_ROLE_SESSION)));
    }

    /**
     * The revocation that does everything both do, for two of one target: the later cut-off and the later
     * expiry. A revocation can only be made stronger, never shortened or undone by a record that arrives later.
     *
     * @throws IllegalArgumentException when the two are of different targets
     */
    public static Revocation strongest(Revocation a, Revocation b) {
        if (a.scope != b.scope || !a.target.equals(b.target)) {
            throw new IllegalArgumentException("revocations of " + a.key() + " and " + b.key() + " do not combine");
        }
        return latest(a, b);
    }

    /** {@code a}'s scope and target with the later cut-off and the later expiry of the two (one of them when it has both). */
    static Revocation latest(Revocation a, Revocation b) {
        Instant cutOff = later(a.issuedBefore, b.issuedBefore);
        Instant expiry = later(a.expiresAt, b.expiresAt);
        if (cutOff.equals(a.issuedBefore) && expiry.equals(a.expiresAt)) {
            return a;
        }
        if (cutOff.equals(b.issuedBefore) && expiry.equals(b.expiresAt) && a.target.equals(b.target)) {
            return b;
        }
        return new Revocation(a.scope, a.target, cutOff, expiry);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Whether this revocation does everything {@code other} does (same target, cut-off and expiry no earlier). */
    public boolean covers(Revocation other) {
        return scope == other.scope && target.equals(other.target) && !issuedBefore.isBefore(other.issuedBefore)
                && !expiresAt.isBefore(other.expiresAt);
    }

    /**
     * Every session of a role issued before {@code before}, and every session chained from one of them: kept until
     * the last of those could have expired. A session chained from a revoked one may have been issued as late as
     * {@code now} (however far back the cut-off lies) and lasts at most {@link #LONGEST_ROLE_SESSION}.
     */
    public static Revocation ofRole(String roleArn, Instant before, Instant now) {
        return new Revocation(Scope.ROLE, roleArn, before,
                later(before, now).plus(LONGEST_ROLE_SESSION));
    }

    /**
     * Every session of a principal whose chain started before {@code before}: kept until the last of them could have
     * expired, its own sessions ({@link #LONGEST_SESSION} from the cut-off) and role sessions chained from them up to
     * {@code now} ({@link #LONGEST_ROLE_SESSION} from now).
     */
    public static Revocation ofPrincipal(String principalArn, Instant before, Instant now) {
        return new Revocation(Scope.PRINCIPAL, principalArn, before,
                later(before.plus(LONGEST_SESSION), now.plus(LONGEST_ROLE_SESSION)));
    }

    /** What this revocation refuses, in words, for operators (the admin API's answer, {@code ./sts revoke}). */
    public String reach() {
        return switch (scope) {
            case SESSION -> "this session and every session derived from it, at any depth";
            case ROLE -> "sessions of this role issued before the cut-off, and every session chained from one of them";
            case PRINCIPAL -> "every session whose chain starts at this principal with a session issued before the "
                    + "cut-off (GetSessionToken, GetFederationToken, AssumeRole, AssumeRoleWithWebIdentity through an "
                    + "identity provider or for one of its subjects, chained), and its own sessions issued before it";
        };
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

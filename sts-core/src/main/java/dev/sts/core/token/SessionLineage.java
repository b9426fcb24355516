package dev.sts.core.token;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a session came from: the long-term principal at the start of its chain and every session between
 * that principal and this one. Sealed into the session token, so revocation can follow a chain without a
 * lookup: revoking a session reaches every session derived from it, revoking a principal every session whose
 * chain starts there, revoking a role every session of that role and every session chained from one.
 * <p>
 * A chain holds at most {@value #MAX_ANCESTORS} ancestors. AWS sets no depth on role chaining (each hop
 * lasts at most an hour); the bound keeps the token below its size cap and the revocation check to a fixed
 * number of hash probes. A session that already has {@value #MAX_ANCESTORS} ancestors can mint nothing.
 *
 * <p>A session issued to a federated identity (AssumeRoleWithWebIdentity) starts its chain at the identity
 * provider that vouched for it: the origin is the provider's ARN and the origin id the token's subject
 * ({@link #webIdentity}). Revoking the provider's ARN as a principal then reaches every session issued through it
 * and every session chained from one; revoking {@link #subjectTarget} reaches one subject's.
 *
 * @param originArn the principal at the start of the chain: an IAM user's ARN, an account's root ARN, or an
 *                  identity provider's ARN ({@code arn:aws:iam::ACCT:oidc-provider/HOST/PATH}); empty for a session
 *                  sealed by a format without lineage, whose chain is unknown
 * @param originId  that principal's unique id: the user's {@code AIDA…}, the account id for a root, the token's
 *                  subject for an identity provider; empty when {@code originArn} is
 * @param ancestors the sessions this one derives from, the oldest (issued with the origin's long-term key)
 *                  first, the session that requested this one last; empty for a session issued with long-term
 *                  credentials
 */
public record SessionLineage(Optional<String> originArn, Optional<String> originId, List<Ancestor> ancestors) {
    /** The longest chain a session may carry: sessions derived from sessions, 16 deep. */
    public static final int MAX_ANCESTORS = 16;
    private static final char SUBJECT_SEPARATOR = '#';
    static final String TOO_DEEP = "Role chaining is limited to " + MAX_ANCESTORS
            + " sessions: request credentials with the credentials of a session closer to its long-term principal.";
    static final String UNKNOWN_LINEAGE = "The security token included in the request was issued before sessions "
            + "recorded their lineage and cannot be used to request new credentials.";
    private static final SessionLineage UNKNOWN = new SessionLineage(Optional.empty(), Optional.empty(), List.of());

    public SessionLineage {
        Objects.requireNonNull(originArn, "originArn");
        Objects.requireNonNull(originId, "originId");
        ancestors = List.copyOf(ancestors);
        if (originArn.isPresent() != originId.isPresent()) {
            throw new IllegalArgumentException("origin ARN and id go together");
        }
        if (ancestors.size() > MAX_ANCESTORS) {
            throw new IllegalArgumentException("lineage of " + ancestors.size() + " ancestors exceeds " + MAX_ANCESTORS);
        }
    }

    /** A session issued with a long-term principal's own key. */
    public static SessionLineage origin(String principalArn, String principalId) {
        return new SessionLineage(Optional.of(principalArn), Optional.of(principalId), List.of());
    }

    /**
     * A session issued to a subject of an identity provider, with no session before it.
     *
     * @param providerArn {@code arn:aws:iam::ACCT:oidc-provider/HOST/PATH}
     * @param subject     the token's {@code sub}
     */
    public static SessionLineage webIdentity(String providerArn, String subject) {
        if (!isIdentityProvider(providerArn)) {
            throw new IllegalArgumentException("not an identity provider's ARN: " + providerArn);
        }
        return origin(providerArn, subject);
    }

    /**
     * The principal a revocation names to reach one subject's sessions of one provider, and every session chained
     * from them: {@code <provider ARN>#<subject>}. An issuer URL has no fragment, so the first {@code #} ends the
     * provider's ARN whatever the subject holds.
     */
    public static String subjectTarget(String providerArn, String subject) {
        return providerArn + SUBJECT_SEPARATOR + subject;
    }

    /** Whether a principal revocation's target is a {@link #subjectTarget} rather than an ARN of its own. */
    public static boolean isSubjectTarget(String target) {
        int separator = target.indexOf(SUBJECT_SEPARATOR);
        return separator > 0 && isIdentityProvider(target.substring(0, separator));
    }

    /** Whether {@code arn} is an OpenID Connect or SAML provider's: the origin of a federated identity's sessions. */
    public static boolean isIdentityProvider(String arn) {
        return arn.startsWith("arn:aws:iam::") && (arn.contains(":oidc-provider/") || arn.contains(":saml-provider/"))
                && arn.indexOf(SUBJECT_SEPARATOR) < 0;
    }

    /** The chain's origin when it is an identity provider's subject: the {@link #subjectTarget} that revokes it. */
    public Optional<String> originSubjectTarget() {
        return originArn.filter(SessionLineage::isIdentityProvider).map(arn -> subjectTarget(arn, originId.orElseThrow()));
    }

    /** What a session sealed before lineage was recorded is known to carry: nothing. */
    public static SessionLineage unknown() {
        return UNKNOWN;
    }

    /** Whether the chain back to a long-term principal is known. */
    public boolean known() {
        return originArn.isPresent();
    }

    /**
     * The lineage of a session requested with {@code parent}'s credentials.
     *
     * @throws StsException ValidationError when the parent already has {@value #MAX_ANCESTORS} ancestors, or
     *                      AccessDenied when its own lineage is unknown: minting from it would lose the chain
     */
    public static SessionLineage derivedFrom(SessionClaims parent) {
        SessionLineage lineage = parent.lineage();
        if (!lineage.known()) {
            throw new StsException(StsErrorCode.ACCESS_DENIED, UNKNOWN_LINEAGE);
        }
        if (lineage.ancestors.size() >= MAX_ANCESTORS) {
            throw StsException.validation(TOO_DEEP);
        }
        List<Ancestor> chain = new ArrayList<>(lineage.ancestors.size() + 1);
        chain.addAll(lineage.ancestors);
        chain.add(new Ancestor(parent.accessKeyId(), parent.issuedAt(),
                parent.roleSession().map(role -> roleFingerprint(role.issuerArn())).orElse(Ancestor.NO_ROLE)));
        return new SessionLineage(lineage.originArn, lineage.originId, chain);
    }

    /** When the chain's first session was issued: what a principal revocation's cut-off is compared with. */
    public Instant rootIssuedAt(Instant ownIssuedAt) {
        return ancestors.isEmpty() ? ownIssuedAt : ancestors.get(0).issuedAt();
    }

    /**
     * A 64-bit fingerprint of a role's ARN (the first eight bytes of its SHA-256): what an ancestor records
     * of its role, so that a chain of sixteen roles with long paths still fits in a token. A collision could
     * only make a revocation reach more sessions, never fewer.
     */
    public static long roleFingerprint(String roleArn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(roleArn.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            // Never the "no role" marker.
            return value == Ancestor.NO_ROLE ? 1 : value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * One session of a chain.
     *
     * @param accessKeyId the session's ASIA… key id
     * @param issuedAt    when it was issued
     * @param role        {@link #roleFingerprint} of its role when it was an assumed-role session, else {@link #NO_ROLE}
     */
    public record Ancestor(String accessKeyId, Instant issuedAt, long role) {
        public static final long NO_ROLE = 0;

        public Ancestor {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(issuedAt, "issuedAt");
        }
    }
}

package dev.sts.core.token;

import dev.sts.core.iam.Tag;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;

import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a verifier needs to accept temporary credentials without a lookup. Sealed into the
 * session token, so only this platform can read or forge it.
 *
 * @param accessKeyId       the ASIA… key id the token belongs to (a token only works with its own key id)
 * @param secretAccessKey   the session's secret, so any instance can check signatures made with it
 * @param identity          the principal the session acts as
 * @param issuedAt          when the session was issued (aws:TokenIssueTime)
 * @param expiresAt         when it stops working
 * @param mfaAuthenticatedAt when its principal last authenticated with MFA, if it did (aws:MultiFactorAuthPresent,
 *                          aws:MultiFactorAuthAge): the issue time when the request carried a code, and for a
 *                          role session chained from an MFA session without a new code, that session's time, so
 *                          that chaining never makes an old MFA authentication look fresh
 * @param issuingRegion     the region of the endpoint that issued it
 * @param sourceAccessKeyId the long-term key that requested it — for a chained role session, the long-term key
 *                          at the start of the chain — for audit and revocation
 * @param context           what a session carries beyond its identity when another IAM entity issued it: the
 *                          role of an assumed-role session (later: the IAM user behind a federated user), its
 *                          session tags, source identity and session policies; empty for GetSessionToken
 *                          sessions, which act as their long-term principal with nothing added
 * @param lineage           the long-term principal the session's chain starts at and the sessions between it and
 *                          this one, which revocation follows
 */
public record SessionClaims(String accessKeyId, String secretAccessKey, CallerIdentity identity, Instant issuedAt,
                            Instant expiresAt, Optional<Instant> mfaAuthenticatedAt, String issuingRegion,
                            String sourceAccessKeyId, Optional<SessionContext> context, SessionLineage lineage) {
    public SessionClaims {
        Objects.requireNonNull(accessKeyId);
        Objects.requireNonNull(secretAccessKey);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(issuedAt);
        Objects.requireNonNull(expiresAt);
        Objects.requireNonNull(issuingRegion);
        Objects.requireNonNull(sourceAccessKeyId);
        Objects.requireNonNull(mfaAuthenticatedAt, "mfaAuthenticatedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(lineage, "lineage");
    }

    /**
     * A session whose lineage is what its identity and context alone say: a session issued straight from its
     * long-term principal's key (GetSessionToken, GetFederationToken), or, for a role session, an unknown chain.
     * This is also the lineage of a token sealed before lineage was recorded.
     */
    public SessionClaims(String accessKeyId, String secretAccessKey, CallerIdentity identity, Instant issuedAt,
                         Instant expiresAt, Optional<Instant> mfaAuthenticatedAt, String issuingRegion,
                         String sourceAccessKeyId, Optional<SessionContext> context) {
        this(accessKeyId, secretAccessKey, identity, issuedAt, expiresAt, mfaAuthenticatedAt, issuingRegion,
                sourceAccessKeyId, context, impliedLineage(identity, context));
    }

    /** The lineage a session's identity and context imply when nothing more is known (see above). */
    static SessionLineage impliedLineage(CallerIdentity identity, Optional<SessionContext> context) {
        if (context.isEmpty()) {
            return identity.type() == PrincipalType.ASSUMED_ROLE || identity.type() == PrincipalType.FEDERATED_USER
                    ? SessionLineage.unknown()
                    : SessionLineage.origin(identity.arn(), identity.userId());
        }
        SessionContext session = context.get();
        return session.kind() == SessionContext.Kind.FEDERATED_USER
                ? SessionLineage.origin(session.issuerArn(), session.issuerId())
                : SessionLineage.unknown();
    }

    /** A session whose MFA, if any, was presented when it was issued. */
    public SessionClaims(String accessKeyId, String secretAccessKey, CallerIdentity identity, Instant issuedAt,
                         Instant expiresAt, boolean mfaAuthenticated, String issuingRegion, String sourceAccessKeyId,
                         Optional<SessionContext> context) {
        this(accessKeyId, secretAccessKey, identity, issuedAt, expiresAt,
                mfaAuthenticated ? Optional.of(issuedAt) : Optional.empty(), issuingRegion, sourceAccessKeyId, context);
    }

    /** Whether its principal authenticated with MFA (aws:MultiFactorAuthPresent). */
    public boolean mfaAuthenticated() {
        return mfaAuthenticatedAt.isPresent();
    }

    /** A session with no context: what GetSessionToken issues. */
    public SessionClaims(String accessKeyId, String secretAccessKey, CallerIdentity identity, Instant issuedAt,
                         Instant expiresAt, boolean mfaAuthenticated, String issuingRegion, String sourceAccessKeyId) {
        this(accessKeyId, secretAccessKey, identity, issuedAt, expiresAt, mfaAuthenticated, issuingRegion,
                sourceAccessKeyId, Optional.empty());
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The context when this is an assumed-role session; empty otherwise. */
    public Optional<SessionContext> roleSession() {
        return context.filter(c -> c.kind() == SessionContext.Kind.ASSUMED_ROLE);
    }

    /** Secrets never reach logs through a record's generated toString; nor do tag values or policies. */
    @Override
    public String toString() {
        return "SessionClaims[accessKeyId=" + accessKeyId + ", identity=" + identity.arn() + ", issuedAt=" + issuedAt
                + ", expiresAt=" + expiresAt + ", mfa=" + mfaAuthenticatedAt.map(Instant::toString).orElse("none") + ", region=" + issuingRegion
                + context.map(c -> ", " + c).orElse("") + ", origin=" + lineage.originArn().orElse("unknown")
                + ", ancestors=" + lineage.ancestors().size() + "]";
    }

    /**
     * What a session derived from another IAM entity carries: who issued it, under which name, and what the
     * request added. One shape for every such session so that the token format, the session record and
     * the request context read it the same way; {@link #kind()} says how to read {@link #issuerArn()}.
     *
     * @param kind              what kind of session this is
     * @param issuerArn         CloudTrail's {@code sessionIssuer}: the role's ARN for an assumed-role session
     *                          ({@code arn:aws:iam::ACCT:role/PATH/NAME}, the path kept); for a federated user, the
     *                          ARN of the IAM user who called GetFederationToken
     * @param issuerId          the issuer's unique id: {@code AROA…} for a role, {@code AIDA…} for a user
     * @param sessionName       the role session name, or the federated user's name
     * @param sourceIdentity    the source identity, set once and then carried along a role chain
     * @param tags              the session tags: inherited transitive tags first, then the request's own
     * @param transitiveTagKeys which of {@code tags} pass to the next session of a role chain, as their keys are
     *                          spelled in {@code tags}
     * @param policy            the inline session policy (JSON as the caller sent it)
     * @param policyArns        the managed session policies' ARNs, in request order
     * @param chained           whether the session was requested with another role session's credentials
     *                          (role chaining): such sessions never last more than one hour
     */
    public record SessionContext(Kind kind, String issuerArn, String issuerId, String sessionName,
                                 Optional<String> sourceIdentity, List<Tag> tags, Set<String> transitiveTagKeys,
                                 Optional<String> policy, List<String> policyArns, boolean chained) {
        /** How the session came to be, which says what its issuer is. */
        public enum Kind {
            /** AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity: the issuer is a role. */
            ASSUMED_ROLE,
            /** GetFederationToken: the issuer is an IAM user. */
            FEDERATED_USER
        }

        public SessionContext {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(issuerArn, "issuerArn");
            Objects.requireNonNull(issuerId, "issuerId");
            Objects.requireNonNull(sessionName, "sessionName");
            Objects.requireNonNull(sourceIdentity, "sourceIdentity");
            tags = List.copyOf(tags);
            transitiveTagKeys = Collections.unmodifiableSet(new LinkedHashSet<>(transitiveTagKeys));
            Objects.requireNonNull(policy, "policy");
            policyArns = List.copyOf(policyArns);
        }

        /** An assumed-role session of {@code roleArn} with nothing but its name. */
        public static SessionContext assumedRole(String roleArn, String roleId, String sessionName) {
            return new SessionContext(Kind.ASSUMED_ROLE, roleArn, roleId, sessionName, Optional.empty(), List.of(),
                    Set.of(), Optional.empty(), List.of(), false);
        }

        /** The session tags whose keys are transitive: what the next session of a role chain inherits. */
        public List<Tag> transitiveTags() {
            Set<String> keys = new HashSet<>();
            transitiveTagKeys.forEach(k -> keys.add(k.toLowerCase(Locale.ROOT)));
            return tags.stream().filter(t -> keys.contains(t.key().toLowerCase(Locale.ROOT))).toList();
        }

        /** Whether the session was given session policies (inline or managed), which then bound its permissions. */
        public boolean hasSessionPolicies() {
            return policy.isPresent() || !policyArns.isEmpty();
        }

        /** Tag values and the policy stay out of logs: they may carry personal data. */
        @Override
        public String toString() {
            return "SessionContext[" + kind + " of " + issuerArn + ", session=" + sessionName
                    + sourceIdentity.map(s -> ", sourceIdentity=" + s).orElse("")
                    + ", tagKeys=" + tags.stream().map(Tag::key).toList()
                    + ", transitiveTagKeys=" + transitiveTagKeys
                    + ", inlinePolicy=" + policy.isPresent() + ", policyArns=" + policyArns.size()
                    + ", chained=" + chained + "]";
        }
    }
}

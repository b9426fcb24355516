package dev.sts.core.revocation;

import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionLineage;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revocations in force, in memory, consulted on every request made with temporary credentials.
 * <p>
 * A check follows the session's lineage (see {@link Revocation} for what each scope reaches) and costs
 * O(depth) hash probes with no allocation when nothing is revoked: the session's own key id and each
 * ancestor's, its ARN and its chain's origin, its role, and — only while some role is revoked — each
 * ancestor's role; only while some identity provider's subject is revoked, the chain's origin subject. A lineage holds at most {@value SessionLineage#MAX_ANCESTORS} ancestors.
 * <p>
 * Filled from the store at start and kept current by the revocation events; entries past their expiry are
 * ignored and swept. The list only ever grows stronger: a revocation that arrives after another of the same
 * target combines with it ({@link Revocation#strongest}), so no record can shorten or undo one.
 */
public final class RevocationList {
    private final Clock clock;
    /** SESSION revocations by access key id. */
    private final Map<String, Revocation> sessions = new ConcurrentHashMap<>();
    /** ROLE revocations by role ARN. */
    private final Map<String, Revocation> roles = new ConcurrentHashMap<>();
    /**
     * The same ROLE revocations by {@link SessionLineage#roleFingerprint}, which is what ancestors record. Two roles
     * whose fingerprints collide (never by chance: 64 bits of SHA-256) share the later cut-off and expiry, which can
     * only make the ancestors' check stricter.
     */
    private final Map<Long, Revocation> roleFingerprints = new ConcurrentHashMap<>();
    /** PRINCIPAL revocations by principal ARN. */
    private final Map<String, Revocation> principals = new ConcurrentHashMap<>();
    /**
     * PRINCIPAL revocations of one subject of an identity provider, by {@link SessionLineage#subjectTarget}: looked
     * at only while one is in force, so other sessions' checks cost nothing more.
     */
    private final Map<String, Revocation> subjects = new ConcurrentHashMap<>();

    public RevocationList(Clock clock) {
        this.clock = clock;
    }

    /**
     * Puts a revocation in force, combined with any of the same target so that neither is weakened.
     *
     * @return whether the list got stronger; false when the revocation had expired or one in force already does
     *         everything it does (a record that would weaken is ignored)
     */
    public boolean apply(Revocation revocation) {
        if (revocation.expiredAt(clock.instant())) {
            return false;
        }
        return switch (revocation.scope()) {
            case SESSION -> strengthen(sessions, revocation.target(), revocation);
            case PRINCIPAL -> strengthen(SessionLineage.isSubjectTarget(revocation.target()) ? subjects : principals,
                    revocation.target(), revocation);
            case ROLE -> {
                boolean stronger = strengthen(roles, revocation.target(), revocation);
                // What arrived, not what the map holds now: a sweep may have removed that meanwhile.
                roleFingerprints.merge(SessionLineage.roleFingerprint(revocation.target()), revocation,
                        Revocation::latest);
                yield stronger;
            }
        };
    }

    private static boolean strengthen(Map<String, Revocation> map, String key, Revocation revocation) {
        Revocation[] before = new Revocation[1];
        Revocation after = map.compute(key, (k, old) -> {
            before[0] = old;
            return old == null ? revocation : Revocation.strongest(old, revocation);
        });
        return after != before[0];
    }

    public void applyAll(Collection<Revocation> revocations) {
        revocations.forEach(this::apply);
    }

    /** The revocation that applies to this session or to any session it derives from, if any. */
    public Optional<Revocation> revocationOf(SessionClaims session) {
        Instant now = clock.instant();
        SessionLineage lineage = session.lineage();
        List<SessionLineage.Ancestor> ancestors = lineage.ancestors();
        // A session, and every session derived from it, whenever issued.
        Revocation found = unconditional(sessions, session.accessKeyId(), now);
        for (int i = 0; found == null && i < ancestors.size(); i++) {
            found = unconditional(sessions, ancestors.get(i).accessKeyId(), now);
        }
        // A principal: the session's own ARN, and the chain's origin, cut off by when the chain started.
        if (found == null) {
            found = issuedBefore(principals, session.identity().arn(), session.issuedAt(), now);
        }
        if (found == null && lineage.originArn().isPresent()
                && !lineage.originArn().get().equals(session.identity().arn())) {
            found = issuedBefore(principals, lineage.originArn().get(), lineage.rootIssuedAt(session.issuedAt()), now);
        }
        // One subject of an identity provider: every session whose chain starts at it.
        if (found == null && !subjects.isEmpty()) {
            Optional<String> subject = lineage.originSubjectTarget();
            if (subject.isPresent()) {
                found = issuedBefore(subjects, subject.get(), lineage.rootIssuedAt(session.issuedAt()), now);
            }
        }
        // A role: its own sessions, and sessions chained from a session of it issued before the cut-off.
        if (found == null && session.roleSession().isPresent()) {
            found = issuedBefore(roles, session.roleSession().get().issuerArn(), session.issuedAt(), now);
        }
        if (found == null && !roleFingerprints.isEmpty()) {
            for (int i = 0; found == null && i < ancestors.size(); i++) {
                SessionLineage.Ancestor ancestor = ancestors.get(i);
                if (ancestor.role() != SessionLineage.Ancestor.NO_ROLE) {
                    found = issuedBefore(roleFingerprints, ancestor.role(), ancestor.issuedAt(), now);
                }
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        sweep();
        return sessions.size() + roles.size() + principals.size() + subjects.size();
    }

    private static Revocation unconditional(Map<String, Revocation> map, String key, Instant now) {
        Revocation revocation = map.get(key);
        if (revocation == null) {
            return null;
        }
        if (revocation.expiredAt(now)) {
            map.remove(key, revocation);
            return null;
        }
        return revocation;
    }

    private static <K> Revocation issuedBefore(Map<K, Revocation> map, K key, Instant issuedAt, Instant now) {
        Revocation revocation = map.get(key);
        if (revocation == null || revocation.expiredAt(now)) {
            return null;
        }
        return issuedAt.isBefore(revocation.issuedBefore()) ? revocation : null;
    }

    private void sweep() {
        Instant now = clock.instant();
        sessions.values().removeIf(revocation -> revocation.expiredAt(now));
        roles.values().removeIf(revocation -> revocation.expiredAt(now));
        roleFingerprints.values().removeIf(revocation -> revocation.expiredAt(now));
        principals.values().removeIf(revocation -> revocation.expiredAt(now));
        subjects.values().removeIf(revocation -> revocation.expiredAt(now));
    }
}

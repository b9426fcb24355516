package dev.sts.token.revocation;

import dev.sts.core.arn.Arn;
import dev.sts.core.audit.AuditEvent;
import dev.sts.core.audit.AuditIdentity;
import dev.sts.core.error.StsException;
import dev.sts.core.id.AccessKeyKind;
import dev.sts.core.port.AuditPublisher;
import dev.sts.core.port.RevocationStore;
import dev.sts.core.port.SessionStore;
import dev.sts.core.revocation.Revocation;
import dev.sts.core.revocation.RevocationList;
import dev.sts.token.config.TokenServiceConfig;
import dev.sts.token.messaging.RevocationFeed;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Revokes temporary credentials: stores the revocation (so instances that start later know it), applies
 * it here at once, announces it to every other instance, and audits it.
 */
@ApplicationScoped
public class RevocationService {
    private final RevocationStore store;
    private final RevocationList revocations;
    private final RevocationFeed feed;
    private final SessionStore sessions;
    private final AuditPublisher audit;
    private final Clock clock;
    private final String region;

    RevocationService(RevocationStore store, RevocationList revocations, RevocationFeed feed, SessionStore sessions,
                      AuditPublisher audit, Clock clock, TokenServiceConfig config) {
        this.store = store;
        this.revocations = revocations;
        this.feed = feed;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.region = config.region();
    }

    /** One session, by its ASIA… key id, until it would have expired. */
    public Revocation revokeSession(String accessKeyId) {
        if (AccessKeyKind.of(accessKeyId) != AccessKeyKind.TEMPORARY) {
            throw StsException.validation("accessKeyId must be the ASIA... key id of a session");
        }
        Instant now = clock.instant();
        Instant expiry = sessions.expiryOf(accessKeyId).orElse(now.plus(Revocation.LONGEST_SESSION));
        return revoke(Revocation.ofSession(accessKeyId, now, expiry));
    }

    /** Every session of a role issued before {@code before} (default: now). */
    public Revocation revokeRoleSessions(String roleArn, Optional<Instant> before) {
        Arn arn = Arn.parse(roleArn);
        if (!arn.service().equals("iam") || !arn.resourceType().equals("role")) {
            throw StsException.validation("roleArn must be an IAM role ARN");
        }
        return revoke(Revocation.ofRole(roleArn, cutOff(before), clock.instant()));
    }

    /**
     * Every session of a principal (a user, a root, an assumed-role session ARN; an OIDC provider's ARN for the
     * web identity sessions issued through it, or {@code <provider ARN>#<sub>} for one subject's) whose chain started
     * before {@code before}.
     */
    public Revocation revokePrincipalSessions(String principalArn, Optional<Instant> before) {
        Arn.parse(principalArn);
        return revoke(Revocation.ofPrincipal(principalArn, cutOff(before), clock.instant()));
    }

    private Instant cutOff(Optional<Instant> before) {
        Instant now = clock.instant();
        Instant cut = before.orElse(now);
        if (cut.isAfter(now)) {
            throw StsException.validation("issuedBefore cannot be in the future: sessions not yet issued cannot be revoked");
        }
        return cut;
    }

    private Revocation revoke(Revocation revocation) {
        store.save(revocation);
        revocations.apply(revocation);
        feed.publish(revocation);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("scope", revocation.scope().name());
        parameters.put("target", revocation.target());
        parameters.put("issuedBefore", revocation.issuedBefore().toString());
        audit.publish(new AuditEvent(clock.instant(), "sts.amazonaws.com", "RevokeSessions", region, null, null,
                new AuditIdentity("PlatformOperator", null, null, null, null, null, null, null), parameters,
                Map.of("expiresAt", revocation.expiresAt().toString()), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), null, null, accountOf(revocation), false));
        return revocation;
    }

    private static String accountOf(Revocation revocation) {
        if (revocation.scope() == Revocation.Scope.SESSION) {
            return null;
        }
        String account = Arn.parse(revocation.target()).account();
        return account.isEmpty() ? null : account;
    }
}

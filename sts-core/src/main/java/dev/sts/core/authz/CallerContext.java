package dev.sts.core.authz;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.policy.RequestContext;
import dev.sts.core.policy.RequestPrincipal;
import dev.sts.core.token.SessionClaims;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The request context of an authenticated caller's request: the principal and the global condition keys
 * AWS sets for it (aws:PrincipalArn, aws:PrincipalAccount, aws:userid, aws:username, aws:SourceIp,
 * aws:CurrentTime, aws:EpochTime, and for sessions aws:TokenIssueTime, aws:SourceIdentity and the MFA keys).
 */
public final class CallerContext {
    private CallerContext() {
    }

    /**
     * @param sessionIssuerArn for a role session the role's ARN, for a federated user the issuing user's ARN
     */
    public static RequestContext.Builder of(AuthenticatedCaller caller, Optional<String> sessionIssuerArn, String action,
                                            String resource, String resourceAccount, String sourceIp, Instant now) {
        CallerIdentity identity = caller.identity();
        RequestPrincipal principal = RequestPrincipal.of(identity, sessionIssuerArn);
        RequestContext.Builder context = RequestContext.builder()
                .action(action)
                .resource(resource)
                .resourceAccount(Optional.ofNullable(resourceAccount))
                .principal(principal)
                .conditionKey("aws:PrincipalAccount", identity.account())
                .conditionKey("aws:userid", identity.userId())
                .conditionKey("aws:PrincipalType", principal.kind().principalType())
                .conditionKey("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
                .conditionKey("aws:EpochTime", Long.toString(now.getEpochSecond()));
        principal.principalArnKey().ifPresent(arn -> context.conditionKey("aws:PrincipalArn", arn));
        principal.userName().ifPresent(name -> context.conditionKey("aws:username", name));
        if (sourceIp != null) {
            context.conditionKey("aws:SourceIp", sourceIp);
        }
        caller.session().ifPresent(session -> sessionKeys(context, session, now));
        return context;
    }

    /** Keys that exist only for temporary credentials; long-term keys leave them absent, as AWS does. */
    private static void sessionKeys(RequestContext.Builder context, SessionClaims session, Instant now) {
        context.conditionKey("aws:TokenIssueTime", DateTimeFormatter.ISO_INSTANT.format(session.issuedAt()));
        session.context().flatMap(SessionClaims.SessionContext::sourceIdentity)
                .ifPresent(source -> context.conditionKey("aws:SourceIdentity", source));
        context.conditionKey("aws:MultiFactorAuthPresent", Boolean.toString(session.mfaAuthenticated()));
        session.mfaAuthenticatedAt().ifPresent(authenticatedAt -> context.conditionKey("aws:MultiFactorAuthAge",
                Long.toString(Duration.between(authenticatedAt, now).toSeconds())));
    }
}

package dev.sts.core.sts;

import dev.sts.core.arn.Arn;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.AccessDeniedMessage;
import dev.sts.core.authz.CallerContext;
import dev.sts.core.authz.PolicyDocumentCache;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.Tag;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.policy.Decision;
import dev.sts.core.policy.PolicyDocument;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.RequestContext;
import dev.sts.core.policy.TrustEvaluator;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import dev.sts.core.token.SessionTokenCodec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * AssumeRole's decision and issuance, given what the service fetched: may this caller assume this role with
 * this request, and if so, the role session's credentials.
 *
 * <p>The checklist, in order (each refusal worded as AWS words it):
 * <ol>
 *   <li>An account root, or a federated user, may not assume roles (AccessDenied).</li>
 *   <li>A caller that is itself a role session is chaining roles: at most one hour (ValidationError).</li>
 *   <li>A source identity, once set, is carried along the chain and cannot change (ValidationError); the
 *       caller session's transitive tags are inherited and cannot be set again (InvalidParameterValue).
 *       These first three depend on nothing about the role ({@link #refuseByCallerAndRequest}), so callers
 *       check them before looking the role up: a missing role is refused like one that exists.</li>
 *   <li>The role's trust policy, through {@link TrustEvaluator} with the caller's identity side, must allow
 *       {@code sts:AssumeRole}; and {@code sts:TagSession} when the new session will carry tags (its own or
 *       inherited — AWS refuses a plain chained AssumeRole that inherits transitive tags without it), and
 *       {@code sts:SetSourceIdentity} when it will carry a source identity (set or inherited: "permissions for
 *       sts:SetSourceIdentity are required ... when you assume a role with another role", IAM User Guide).</li>
 *   <li>The duration must not exceed the role's MaxSessionDuration (ValidationError) — checked only once the
 *       caller is trusted, so that refusals reveal nothing about a role to whoever may not assume it.</li>
 *   <li>Each managed session policy (PolicyArns) must be usable in the role's account: AWS managed or the
 *       account's own, and existing (the {@link SessionPolicyCheck} {@link AssumeRoleHandler} passes in), also
 *       only once the caller is trusted.</li>
 *   <li>Session policy, policy ARNs and session tags must fit the packed space (PackedPolicyTooLarge).</li>
 *   <li>A fresh {@code ASIA…} key and secret are sealed with every role-session claim.</li>
 * </ol>
 *
 * <p>The request context of the trust evaluation: the global keys of {@link CallerContext} (principal, time,
 * source IP, and for a session caller its token issue time and MFA state), plus {@code sts:RoleSessionName},
 * {@code sts:ExternalId} (only when given), {@code sts:SourceIdentity} (the new session's: given or
 * inherited), {@code aws:SourceIdentity} (the caller session's), {@code aws:RequestTag/K} for each tag of the
 * request, {@code aws:TagKeys} (multi-valued) and {@code sts:TransitiveTagKeys} (multi-valued) when the request
 * has tags or transitive keys, {@code aws:PrincipalTag/K} from the caller's tags, and the MFA keys: a caller
 * whose SerialNumber/TokenCode the service verified has {@code aws:MultiFactorAuthPresent} true and
 * {@code aws:MultiFactorAuthAge} 0; a long-term caller without them has neither key, as on AWS.
 * {@code sts:DurationSeconds} is not set: AWS defines it only for bearer tokens and GetWebIdentityToken.
 * Inherited transitive tags are the caller's principal tags, not request tags: they appear under
 * {@code aws:PrincipalTag}, not {@code aws:RequestTag}/{@code aws:TagKeys}.
 */
public final class RoleAssumption {
    /** When the request gives no DurationSeconds. */
    public static final int DEFAULT_DURATION = 3_600;
    /** A role session assuming another role gets at most one hour. */
    public static final int MAX_CHAINED_DURATION = 3_600;
    static final String ASSUME_ROLE = "sts:AssumeRole";
    static final String TAG_SESSION = "sts:TagSession";
    static final String SET_SOURCE_IDENTITY = "sts:SetSourceIdentity";
    static final String ROOT_REFUSED = "Roles may not be assumed by root accounts.";
    static final String EXCEEDS_MAX_SESSION = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";
    static final String EXCEEDS_CHAINING_LIMIT =
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";
    static final String SOURCE_IDENTITY_SET = "The source identity is already set for this assume role session";
    static final String TRANSITIVE_CONFLICT = "One of the specified transitive tag keys can't be set because it "
            + "conflicts with a transitive tag key from the calling session.";

    private final TrustEvaluator trust;
    private final PolicyDocumentCache trustPolicies;
    private final SessionIssuer issuer;
    private final Clock clock;

    /**
     * @param trustPolicies where roles' trust policies are parsed, once per text rather than on every request;
     *                      the cache the caller-policy side uses will do (the kind is part of its key)
     */
    public RoleAssumption(TrustEvaluator trust, PolicyDocumentCache trustPolicies, SessionTokenCodec codec, Clock clock,
                          String region) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.trustPolicies = Objects.requireNonNull(trustPolicies, "trustPolicies");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.issuer = new SessionIssuer(Objects.requireNonNull(codec, "codec"), clock, Objects.requireNonNull(region, "region"));
    }

    /** The trust evaluator, for the other ways into a role ({@link WebIdentityRoleHandler}). */
    TrustEvaluator trust() {
        return trust;
    }

    /** The issuer of role sessions, for the other ways into a role ({@link WebIdentityRoleHandler}). */
    SessionIssuer issuer() {
        return issuer;
    }

    /** The clock sessions are issued by. */
    Clock clock() {
        return clock;
    }

    /**
     * The refusals that depend only on who calls and what they ask, never on the role: the root, federated
     * users, the role-chaining limit, a second source identity, a tag that would override a transitive one.
     * Callers check these before looking the role up, so the answer is the same whether the role exists or
     * not ({@link #assume} checks them again).
     */
    public void refuseByCallerAndRequest(AuthenticatedCaller caller, AssumeRoleRequest request) {
        CallerIdentity identity = caller.identity();
        if (identity.isRoot()) {
            throw new StsException(StsErrorCode.ACCESS_DENIED, ROOT_REFUSED);
        }
        if (identity.type() == PrincipalType.FEDERATED_USER) {
            // GetFederationToken credentials may call no STS action but GetCallerIdentity.
            throw new StsException(StsErrorCode.ACCESS_DENIED, notAuthorized(identity, ASSUME_ROLE, request.roleArn()));
        }
        boolean chained = identity.type() == PrincipalType.ASSUMED_ROLE;
        if (chained && request.durationSeconds().orElse(DEFAULT_DURATION) > MAX_CHAINED_DURATION) {
            throw StsException.validation(EXCEEDS_CHAINING_LIMIT);
        }
        Optional<SessionContext> callerRoleSession = caller.session().flatMap(SessionClaims::roleSession);
        Optional<String> inheritedSourceIdentity = callerRoleSession.flatMap(SessionContext::sourceIdentity);
        if (inheritedSourceIdentity.isPresent() && request.sourceIdentity().isPresent()
                && !inheritedSourceIdentity.equals(request.sourceIdentity())) {
            throw StsException.validation(SOURCE_IDENTITY_SET);
        }
        Set<String> inheritedKeys = lowerCaseKeys(callerRoleSession.map(SessionContext::transitiveTags).orElse(List.of()));
        if (request.tags().stream().anyMatch(tag -> inheritedKeys.contains(tag.key().toLowerCase(Locale.ROOT)))) {
            throw new StsException(StsErrorCode.INVALID_PARAMETER_VALUE, TRANSITIVE_CONFLICT);
        }
    }

    /**
     * Checks the request's PolicyArns once the caller is known to be trusted, so that an untrusted caller learns
     * nothing about the policies of the role's account from the answer.
     */
    @FunctionalInterface
    public interface SessionPolicyCheck {
        /**
         * @param policyArns     the request's PolicyArns
         * @param sessionAccount the account of the session to be issued (the role's)
         * @throws StsException for an ARN the session may not use
         */
        void requireUsable(List<String> policyArns, String sessionAccount);
    }

    /**
     * Decides and, when allowed, issues the role session.
     *
     * @param caller          the authenticated caller; its session claims say whether it is a role session (role
     *                        chaining), and carry its source identity and transitive tags
     * @param callerPolicies  the caller's identity side: identity policies, boundary, and its own session
     *                        policies when it is a session that has some; its resource policy is ignored
     * @param callerTags      the caller's principal tags (an IAM user's tags; for a role session, its session
     *                        tags over its role's tags), for {@code aws:PrincipalTag/*}
     * @param role            the role, as the service found it by the request's RoleArn
     * @param request         the validated request
     * @param sessionPolicies checks the request's PolicyArns, after the trust policy and MaxSessionDuration and
     *                        before the packed size ({@link AssumeRoleHandler}: AWS managed or of the role's account,
     *                        and existing)
     * @param mfaVerified     whether the request's SerialNumber and TokenCode were checked (the handler owns the
     *                        TOTP and used-code checks, and spends the code only once this returns)
     * @param sourceIp        the caller's address for {@code aws:SourceIp}, or null
     * @throws StsException AccessDenied, ValidationError, InvalidParameterValue or PackedPolicyTooLarge, worded
     *                      as AWS words them (see the class comment for which and when)
     * @throws IllegalArgumentException when the inputs disagree with the request (a role other than the one named,
     *                                  an MFA flag without MFA parameters)
     */
    public AssumedRole assume(AuthenticatedCaller caller, PolicySet callerPolicies, List<Tag> callerTags, IamRole role,
                              AssumeRoleRequest request, SessionPolicyCheck sessionPolicies, boolean mfaVerified,
                              String sourceIp) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callerPolicies, "callerPolicies");
        Objects.requireNonNull(callerTags, "callerTags");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sessionPolicies, "sessionPolicies");
        // IAM role names are unique regardless of case, so the service may have found the role by another spelling.
        if (!role.arn().equalsIgnoreCase(request.roleArn())) {
            throw new IllegalArgumentException("role " + role.arn() + " is not the requested " + request.roleArn());
        }
        if (mfaVerified != request.presentsMfa()) {
            throw new IllegalArgumentException(mfaVerified ? "MFA verified for a request without SerialNumber and TokenCode"
                    : "the service must verify SerialNumber and TokenCode before the role is assumed");
        }
        refuseByCallerAndRequest(caller, request);
        CallerIdentity identity = caller.identity();
        String roleArn = role.arn();
        Optional<SessionClaims> callerSession = caller.session();
        Optional<SessionContext> callerRoleSession = callerSession.flatMap(SessionClaims::roleSession);
        boolean chained = identity.type() == PrincipalType.ASSUMED_ROLE;
        int duration = request.durationSeconds().orElse(DEFAULT_DURATION);
        Optional<String> sourceIdentity = request.sourceIdentity()
                .or(() -> callerRoleSession.flatMap(SessionContext::sourceIdentity));
        List<Tag> inheritedTags = callerRoleSession.map(SessionContext::transitiveTags).orElse(List.of());
        List<Tag> sessionTags = new ArrayList<>(inheritedTags);
        sessionTags.addAll(request.tags());
        Set<String> transitiveKeys = new LinkedHashSet<>();
        inheritedTags.forEach(tag -> transitiveKeys.add(tag.key()));
        transitiveKeys.addAll(request.transitiveTagKeys());

        Instant now = clock.instant();
        RequestContext.Builder context = trustContext(caller, callerRoleSession, callerTags, role, request,
                sourceIdentity, mfaVerified, sourceIp, now);
        Optional<PolicyDocument> trustPolicy = trustPolicyOf(role);
        requireTrusted(trustPolicy, role, callerPolicies, context, identity, ASSUME_ROLE);
        if (!sessionTags.isEmpty()) {
            requireTrusted(trustPolicy, role, callerPolicies, context, identity, TAG_SESSION);
        }
        if (sourceIdentity.isPresent()) {
            requireTrusted(trustPolicy, role, callerPolicies, context, identity, SET_SOURCE_IDENTITY);
        }

        if (duration > role.maxSessionDuration()) {
            throw StsException.validation(EXCEEDS_MAX_SESSION);
        }
        sessionPolicies.requireUsable(request.policyArns(), role.account());
        PackedPolicySize packed = PackedPolicySize.of(request.policyJson(), request.policyArns(), sessionTags);
        packed.requireFits(request.passesSessionPolicies());

        String sessionName = request.roleSessionName();
        String assumedRoleId = role.roleId() + ":" + sessionName;
        String assumedRoleArn = Arn.sts(role.account(), "assumed-role/" + role.roleName() + "/" + sessionName).toString();
        CallerIdentity sessionIdentity = new CallerIdentity(role.account(), assumedRoleArn, assumedRoleId,
                PrincipalType.ASSUMED_ROLE, sessionName);
        SessionContext sessionContext = new SessionContext(SessionContext.Kind.ASSUMED_ROLE, roleArn, role.roleId(),
                sessionName, sourceIdentity, sessionTags, transitiveKeys, request.policyJson(), request.policyArns(),
                chained);
        // The issuer carries the caller's lineage, source key and MFA time along the chain.
        SessionIssuer.IssuedSession issued = issuer.issue(caller, sessionIdentity, Duration.ofSeconds(duration),
                mfaVerified, Optional.of(sessionContext));
        return new AssumedRole(issued.credentials(), issued.claims(), assumedRoleId, assumedRoleArn, packed.percent(),
                sourceIdentity);
    }

    private static RequestContext.Builder trustContext(AuthenticatedCaller caller, Optional<SessionContext> callerRoleSession,
                                                       List<Tag> callerTags, IamRole role, AssumeRoleRequest request,
                                                       Optional<String> sourceIdentity, boolean mfaVerified,
                                                       String sourceIp, Instant now) {
        RequestContext.Builder context = CallerContext.of(caller, callerRoleSession.map(SessionContext::issuerArn),
                ASSUME_ROLE, role.arn(), role.account(), sourceIp, now);
        context.conditionKey("sts:RoleSessionName", request.roleSessionName());
        request.externalId().ifPresent(id -> context.conditionKey("sts:ExternalId", id));
        sourceIdentity.ifPresent(id -> context.conditionKey("sts:SourceIdentity", id));
        callerRoleSession.flatMap(SessionContext::sourceIdentity).ifPresent(id -> context.conditionKey("aws:SourceIdentity", id));
        Tag.requestKeys(request.tags()).forEach(context::conditionKey);
        if (!request.transitiveTagKeys().isEmpty()) {
            context.conditionKey("sts:TransitiveTagKeys", request.transitiveTagKeys());
        }
        for (Tag tag : callerTags) {
            context.conditionKey("aws:PrincipalTag/" + tag.key(), tag.value());
        }
        if (mfaVerified) {
            context.conditionKey("aws:MultiFactorAuthPresent", "true");
            context.conditionKey("aws:MultiFactorAuthAge", "0");
        }
        return context;
    }

    /**
     * A stored trust policy that no longer parses trusts no one: fail closed rather than answer a parse error.
     * (The cache keeps only what parsed, so such a policy is tried, and refused, on each request.)
     */
    Optional<PolicyDocument> trustPolicyOf(IamRole role) {
        try {
            return Optional.of(trustPolicies.parse(role.assumeRolePolicyDocument(), PolicyKind.TRUST));
        } catch (StsException e) {
            return Optional.empty();
        }
    }

    private void requireTrusted(Optional<PolicyDocument> trustPolicy, IamRole role, PolicySet callerPolicies,
                                RequestContext.Builder context, CallerIdentity caller, String action) {
        Decision decision = trustPolicy
                .map(policy -> trust.evaluate(policy, role.arn(), callerPolicies.identityPolicies(),
                        callerPolicies.permissionsBoundary(), callerPolicies.sessionPolicies(),
                        context.action(action).build()))
                .orElseGet(() -> new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(), List.of(), List.of()));
        if (!decision.allowed()) {
            String message = decision.outcome() == Decision.Outcome.EXPLICIT_DENY
                    ? AccessDeniedMessage.of(caller, action, role.arn(), decision)
                    : notAuthorized(caller, action, role.arn());
            throw new StsException(StsErrorCode.ACCESS_DENIED, message);
        }
    }

    private static String notAuthorized(CallerIdentity caller, String action, String roleArn) {
        return "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + roleArn;
    }

    private static Set<String> lowerCaseKeys(List<Tag> tags) {
        Set<String> keys = new HashSet<>();
        tags.forEach(tag -> keys.add(tag.key().toLowerCase(Locale.ROOT)));
        return keys;
    }

    /**
     * What AssumeRole answers, plus the claims for the session record.
     *
     * @param credentials      the role session's temporary credentials
     * @param claims           everything sealed into its token, for the session record and the audit event
     * @param assumedRoleId    {@code AROA…:SESSION}
     * @param assumedRoleArn   {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION} (the role's name without its path)
     * @param packedPolicySize the percentage of the packed space the session policies and tags use; 0 exactly
     *                         when the session has none (AWS then leaves PackedPolicySize out of its answer)
     * @param sourceIdentity   the session's source identity, set by this request or inherited
     */
    public record AssumedRole(TemporaryCredentials credentials, SessionClaims claims, String assumedRoleId,
                              String assumedRoleArn, int packedPolicySize, Optional<String> sourceIdentity) {
    }
}

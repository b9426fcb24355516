package dev.sts.core.sts;

import dev.sts.core.arn.Arn;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.federation.WebIdentityAssertion;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.Tag;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.policy.Decision;
import dev.sts.core.policy.PolicyDocument;
import dev.sts.core.policy.RequestContext;
import dev.sts.core.policy.RequestPrincipal;
import dev.sts.core.port.SessionStore;
import dev.sts.core.port.WebIdentityValidator;
import dev.sts.core.protocol.ParameterConstraints;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import dev.sts.core.token.SessionLineage;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * AssumeRoleWithWebIdentity from its validated request to the issued, recorded role session: the one orchestration
 * production and the benchmark both run. The caller signs nothing; its web identity token is its proof.
 *
 * <p>The checklist, in order (each refusal worded as AWS words it):
 * <ol>
 *   <li>The token, through the {@link WebIdentityValidator} (federation-service): signature, issuer registered as a
 *       provider in the role's account, audience one of its client ids, times. Its refusals are AWS's
 *       (InvalidIdentityToken, ExpiredTokenException, IDPRejectedClaim, IDPCommunicationError). From here on the
 *       caller is known and audited as a {@code WebIdentityUser}.</li>
 *   <li>What the token asks of the session must fit a session: a subject of at most 255 characters (AWS's
 *       SubjectFromWebIdentityToken), at most 50 session tags of AWS's shapes with unique keys, transitive keys that
 *       name its tags, a source identity of AWS's shape (else InvalidIdentityToken).</li>
 *   <li>The role, by its ARN; a role that does not exist is refused exactly like one that does not trust the
 *       token (AccessDenied "Not authorized to perform sts:AssumeRoleWithWebIdentity").</li>
 *   <li>The trust policy alone decides (a federated caller has no policies of its own), with the principal
 *       {@code {"Federated": "<provider ARN>"}}: {@code sts:AssumeRoleWithWebIdentity}, and
 *       {@code sts:TagSession} when the token carries tags, {@code sts:SetSourceIdentity} when it carries a source
 *       identity.</li>
 *   <li>Then, as for AssumeRole and only once the token is trusted: DurationSeconds within the role's
 *       MaxSessionDuration, PolicyArns usable in the role's account, the packed size of the session policies and
 *       the token's tags.</li>
 *   <li>The role session is issued — its chain starts at the provider and the subject
 *       ({@link SessionLineage#webIdentity}), so revoking either reaches it and whatever is chained from it — and
 *       recorded.</li>
 * </ol>
 *
 * <p>The trust policy's request context: {@code HOST/PATH:aud} (the client id the token was accepted for),
 * {@code HOST/PATH:oaud} (every {@code aud} value), {@code HOST/PATH:sub}, {@code HOST/PATH:amr} (multi-valued, when
 * the token has one), {@code aws:FederatedProvider} (the provider's ARN), {@code aws:PrincipalType}
 * ({@code WebIdentityUser}), {@code sts:RoleSessionName}, {@code sts:SourceIdentity} (when the token sets one),
 * {@code aws:RequestTag/K} and {@code aws:TagKeys} for the token's session tags and {@code sts:TransitiveTagKeys} for
 * its transitive keys (the tags are requested by the token, as AssumeRole's Tags are by the caller),
 * {@code aws:SourceIp}, {@code aws:CurrentTime}, {@code aws:EpochTime}. Well-known providers need nothing more:
 * a provider at {@code accounts.google.com} has the key {@code accounts.google.com:aud}. No {@code aws:PrincipalArn},
 * {@code aws:PrincipalAccount} or {@code aws:userid}: the caller has no ARN or account.
 */
public final class WebIdentityRoleHandler {
    static final String ASSUME_ROLE_WITH_WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
    static final String NOT_AUTHORIZED = "Not authorized to perform sts:AssumeRoleWithWebIdentity";
    /** AWS's SubjectFromWebIdentityToken is at most 255 characters; the subject is also sealed into the token. */
    public static final int MAX_SUBJECT = 255;
    static final String UNUSABLE_CLAIMS = "The session tags, transitive tag keys or source identity in the web identity "
            + "token are not valid for a role session.";

    private final IamRepository iam;
    private final WebIdentityValidator validator;
    private final RoleAssumption assumption;
    private final SessionStore sessions;

    /**
     * @param iam        where roles and managed policies are found
     * @param validator  validates the token (federation-service)
     * @param assumption the trust evaluation and the issuer of role sessions, shared with AssumeRole
     * @param sessions   where each issued session is recorded
     */
    public WebIdentityRoleHandler(IamRepository iam, WebIdentityValidator validator, RoleAssumption assumption,
                                  SessionStore sessions) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.assumption = Objects.requireNonNull(assumption, "assumption");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /**
     * Runs AssumeRoleWithWebIdentity.
     *
     * @param request    the validated request
     * @param sourceIp   the caller's address for {@code aws:SourceIp}, or null
     * @param identified told what the token says as soon as it is validated, before any decision on it (the audit
     *                   record's caller)
     * @return the issued and recorded role session
     * @throws StsException the validator's refusals; InvalidIdentityToken, AccessDenied, ValidationError or
     *                      PackedPolicyTooLarge (see the class comment for which and when)
     */
    public WebIdentitySession handle(WebIdentityRequest request, String sourceIp,
                                     Consumer<WebIdentityAssertion> identified) {
        Objects.requireNonNull(request, "request");
        String roleAccount = Arn.parse(request.roleArn()).account();
        WebIdentityAssertion assertion = validator.validate(roleAccount, request.webIdentityToken(), Optional.empty());
        identified.accept(assertion);
        if (!roleAccount.equals(accountOf(assertion.providerArn()))) {
            // federation-service only vouches with the role account's providers; anything else is a defect there.
            throw new StsException(StsErrorCode.ACCESS_DENIED, NOT_AUTHORIZED);
        }
        requireUsableClaims(assertion);
        IamRole role = role(roleAccount, request.roleArn());

        Instant now = assumption.clock().instant();
        RequestContext.Builder context = trustContext(assertion, role, request, sourceIp, now);
        Optional<PolicyDocument> trustPolicy = assumption.trustPolicyOf(role);
        requireTrusted(trustPolicy, role, context, ASSUME_ROLE_WITH_WEB_IDENTITY);
        if (!assertion.principalTags().isEmpty()) {
            requireTrusted(trustPolicy, role, context, RoleAssumption.TAG_SESSION);
        }
        if (assertion.sourceIdentity().isPresent()) {
            requireTrusted(trustPolicy, role, context, RoleAssumption.SET_SOURCE_IDENTITY);
        }

        int duration = request.durationSeconds().orElse(RoleAssumption.DEFAULT_DURATION);
        if (duration > role.maxSessionDuration()) {
            throw StsException.validation(RoleAssumption.EXCEEDS_MAX_SESSION);
        }
        AssumeRoleHandler.requireUsableSessionPolicies(iam, request.policyArns(), role.account());
        PackedPolicySize packed = PackedPolicySize.of(request.policyJson(), request.policyArns(), assertion.principalTags());
        packed.requireFits(request.passesSessionPolicies());

        String sessionName = request.roleSessionName();
        String assumedRoleId = role.roleId() + ":" + sessionName;
        String assumedRoleArn = Arn.sts(role.account(), "assumed-role/" + role.roleName() + "/" + sessionName).toString();
        CallerIdentity identity = new CallerIdentity(role.account(), assumedRoleArn, assumedRoleId,
                PrincipalType.ASSUMED_ROLE, sessionName);
        SessionContext sessionContext = new SessionContext(SessionContext.Kind.ASSUMED_ROLE, role.arn(), role.roleId(),
                sessionName, assertion.sourceIdentity(), assertion.principalTags(),
                transitiveKeys(assertion), request.policyJson(), request.policyArns(), false);
        SessionIssuer.IssuedSession issued = assumption.issuer().issueFederated(
                SessionLineage.webIdentity(assertion.providerArn(), assertion.subject()), identity,
                Duration.ofSeconds(duration), sessionContext);
        sessions.record(issued.claims());
        return new WebIdentitySession(issued.credentials(), issued.claims(), assumedRoleId, assumedRoleArn,
                packed.percent(), assertion);
    }

    private static String accountOf(String providerArn) {
        try {
            return Arn.parse(providerArn).account();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Refuses what the token asks that no session could carry (see the class comment). */
    private static void requireUsableClaims(WebIdentityAssertion assertion) {
        if (assertion.subject().isEmpty() || assertion.subject().length() > MAX_SUBJECT) {
            throw new StsException(StsErrorCode.INVALID_IDENTITY_TOKEN,
                    "The sub claim of the web identity token must be 1 to " + MAX_SUBJECT + " characters long.");
        }
        List<Tag> tags = assertion.principalTags();
        Set<String> lowerCaseKeys = new LinkedHashSet<>();
        boolean usable = tags.size() <= AssumeRoleRequest.MAX_TAGS
                && assertion.transitiveTagKeys().size() <= AssumeRoleRequest.MAX_TRANSITIVE_TAG_KEYS
                && assertion.sourceIdentity().map(ParameterConstraints.SOURCE_IDENTITY::admits).orElse(true);
        for (Tag tag : tags) {
            usable &= ParameterConstraints.TAG_KEY.admits(tag.key()) && ParameterConstraints.TAG_VALUE.admits(tag.value())
                    && lowerCaseKeys.add(tag.key().toLowerCase(Locale.ROOT));
        }
        for (String key : assertion.transitiveTagKeys()) {
            usable &= lowerCaseKeys.contains(key.toLowerCase(Locale.ROOT));
        }
        if (!usable) {
            throw new StsException(StsErrorCode.INVALID_IDENTITY_TOKEN, UNUSABLE_CLAIMS);
        }
    }

    /** The token's transitive keys, each spelled as its tag spells it. */
    private static Set<String> transitiveKeys(WebIdentityAssertion assertion) {
        Map<String, String> tagKeys = new HashMap<>();
        assertion.principalTags().forEach(tag -> tagKeys.put(tag.key().toLowerCase(Locale.ROOT), tag.key()));
        Set<String> keys = new LinkedHashSet<>();
        assertion.transitiveTagKeys().forEach(key -> keys.add(tagKeys.get(key.toLowerCase(Locale.ROOT))));
        return keys;
    }

    private IamRole role(String account, String roleArn) {
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return iam.findRole(account, name)
                .filter(role -> role.arn().equals(roleArn))
                .orElseThrow(() -> new StsException(StsErrorCode.ACCESS_DENIED, NOT_AUTHORIZED));
    }

    private static RequestContext.Builder trustContext(WebIdentityAssertion assertion, IamRole role,
                                                       WebIdentityRequest request, String sourceIp, Instant now) {
        RequestPrincipal principal = RequestPrincipal.federated(assertion.providerArn());
        String prefix = assertion.providerUrl() + ":";
        RequestContext.Builder context = RequestContext.builder()
                .resource(role.arn())
                .resourceAccount(Optional.of(role.account()))
                .principal(principal)
                .conditionKey("aws:PrincipalType", principal.kind().principalType())
                .conditionKey("aws:FederatedProvider", assertion.providerArn())
                .conditionKey("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
                .conditionKey("aws:EpochTime", Long.toString(now.getEpochSecond()))
                .conditionKey(prefix + "aud", assertion.audience())
                .conditionKey(prefix + "oaud", assertion.audiences())
                .conditionKey(prefix + "sub", assertion.subject())
                .conditionKey("sts:RoleSessionName", request.roleSessionName());
        if (!assertion.amr().isEmpty()) {
            context.conditionKey(prefix + "amr", assertion.amr());
        }
        if (sourceIp != null) {
            context.conditionKey("aws:SourceIp", sourceIp);
        }
        assertion.sourceIdentity().ifPresent(id -> context.conditionKey("sts:SourceIdentity", id));
        Tag.requestKeys(assertion.principalTags()).forEach(context::conditionKey);
        if (!assertion.transitiveTagKeys().isEmpty()) {
            context.conditionKey("sts:TransitiveTagKeys", assertion.transitiveTagKeys());
        }
        return context;
    }

    private void requireTrusted(Optional<PolicyDocument> trustPolicy, IamRole role, RequestContext.Builder context,
                                String action) {
        Decision decision = trustPolicy
                .map(policy -> assumption.trust().evaluate(policy, role.arn(), List.of(), Optional.empty(),
                        Optional.empty(), context.action(action).build()))
                .orElseGet(() -> new Decision(Decision.Outcome.IMPLICIT_DENY, List.of(), List.of(), List.of()));
        if (!decision.allowed()) {
            throw new StsException(StsErrorCode.ACCESS_DENIED, action.equals(ASSUME_ROLE_WITH_WEB_IDENTITY)
                    ? NOT_AUTHORIZED : "Not authorized to perform " + action);
        }
    }

    /**
     * What AssumeRoleWithWebIdentity answers, plus the claims for the session record.
     *
     * @param credentials      the role session's temporary credentials
     * @param claims           everything sealed into its token
     * @param assumedRoleId    {@code AROA…:SESSION}
     * @param assumedRoleArn   {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
     * @param packedPolicySize the percentage of the packed space used; 0 exactly when there are no session
     *                         policies or tags (the answer then leaves PackedPolicySize out)
     * @param assertion        what the token said: SubjectFromWebIdentityToken, Audience, Provider, SourceIdentity
     */
    public record WebIdentitySession(TemporaryCredentials credentials, SessionClaims claims, String assumedRoleId,
                                     String assumedRoleArn, int packedPolicySize, WebIdentityAssertion assertion) {
        /**
         * AssumeRoleWithWebIdentity's {@code Provider}: the registered provider's ARN, as AWS answers for a provider
         * registered in IAM (its API reference says the token's {@code iss}; its answers name the provider).
         */
        public String provider() {
            return assertion.providerArn();
        }
    }
}

package dev.sts.core.sts;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.federation.WebIdentityAssertion;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.Tag;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.mfa.IamMfaCodeChecker;
import dev.sts.core.mfa.MfaVerification;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.TrustEvaluator;
import dev.sts.core.port.WebIdentityValidator;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.revocation.Revocation;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.store.InMemoryUsedCodeStore;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import dev.sts.core.token.SessionLineage;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sts.core.sts.AssumeRoleHandlerTest.assertRefused;
import static dev.sts.core.sts.StsHandlerFixtures.CLOCK;
import static dev.sts.core.sts.StsHandlerFixtures.DEV;
import static dev.sts.core.sts.StsHandlerFixtures.DEV_POLICY;
import static dev.sts.core.sts.StsHandlerFixtures.NOW;
import static dev.sts.core.sts.StsHandlerFixtures.PROD_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AssumeRoleWithWebIdentity's one orchestration over real IAM state and the real policy engine. The token's
 * validation is federation-service's; here a validator that knows a few tokens stands in for it (a port
 * implementation, not a mock of a service): what it answers is what federation-service hands token-service.
 */
class WebIdentityRoleHandlerTest {
    private static final String URL = "issuer.example/realms/ci";
    private static final String PROVIDER = "arn:aws:iam::" + DEV + ":oidc-provider/" + URL;
    private static final String TRUST_WITH = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},
            "Action":%s,"Condition":%s}]}""";
    private static final String AUD_AND_SUB = """
            {"StringEquals":{"issuer.example/realms/ci:aud":"ci-client","issuer.example/realms/ci:sub":"repo:main"}}""";

    private final StsHandlerFixtures fixtures = new StsHandlerFixtures();
    private final Map<String, WebIdentityAssertion> tokens = new HashMap<>();
    private final List<String> validatedFor = new ArrayList<>();
    private final WebIdentityValidator validator = (account, token, providerId) -> {
        validatedFor.add(account);
        WebIdentityAssertion assertion = tokens.get(token);
        if (assertion == null || !assertion.providerArn().startsWith("arn:aws:iam::" + account + ":")) {
            throw new StsException(StsErrorCode.INVALID_IDENTITY_TOKEN, "No OpenIDConnect provider found in your account for " + URL);
        }
        return assertion;
    };
    private final WebIdentityRoleHandler handler = new WebIdentityRoleHandler(fixtures.iam, validator,
            new RoleAssumption(new TrustEvaluator(new DefaultPolicyEvaluator()), fixtures.parsedPolicies, fixtures.codec,
                    CLOCK, "us-east-1"),
            fixtures.sessions);

    @Test
    void aTrustedTokenGetsARecordedRoleSessionWhoseChainStartsAtTheProvider() {
        IamRole role = role("Deployer", "\"sts:AssumeRoleWithWebIdentity\"", AUD_AND_SUB);
        token("good", assertion("repo:main", "ci-client", List.of(), List.of(), Optional.empty()));
        List<WebIdentityAssertion> identified = new ArrayList<>();

        WebIdentityRoleHandler.WebIdentitySession session = handler.handle(request(role.arn(), "good", ""), "10.0.0.1",
                identified::add);

        assertThat(session.assumedRoleArn()).isEqualTo("arn:aws:sts::" + DEV + ":assumed-role/Deployer/s1");
        assertThat(session.assumedRoleId()).isEqualTo(role.roleId() + ":s1");
        assertThat(session.provider()).isEqualTo(PROVIDER);
        assertThat(session.assertion().subject()).isEqualTo("repo:main");
        assertThat(session.packedPolicySize()).isZero();
        assertThat(identified).containsExactly(session.assertion());
        assertThat(validatedFor).containsExactly(DEV);
        SessionClaims claims = session.claims();
        assertThat(claims.identity().type()).isEqualTo(PrincipalType.ASSUMED_ROLE);
        assertThat(claims.roleSession().orElseThrow().issuerArn()).isEqualTo(role.arn());
        assertThat(claims.lineage().originArn()).contains(PROVIDER);
        assertThat(claims.lineage().originId()).contains("repo:main");
        assertThat(claims.lineage().ancestors()).isEmpty();
        assertThat(claims.mfaAuthenticated()).isFalse();
        assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofHours(1));
        assertThat(fixtures.codec.open(session.credentials().sessionToken())).isEqualTo(claims);
        assertThat(fixtures.sessions.recorded).containsExactly(claims);
    }

    @Test
    void theAudienceConditionDecides() {
        IamRole role = role("Deployer", "\"sts:AssumeRoleWithWebIdentity\"", AUD_AND_SUB);
        token("right", assertion("repo:main", "ci-client", List.of(), List.of(), Optional.empty()));
        token("other-client", assertion("repo:main", "other-client", List.of(), List.of(), Optional.empty()));
        assertThat(handler.handle(request(role.arn(), "right", ""), null, a -> { }).assumedRoleArn()).endsWith("/s1");
        assertRefused(() -> handler.handle(request(role.arn(), "other-client", ""), null, a -> { }),
                StsErrorCode.ACCESS_DENIED, WebIdentityRoleHandler.NOT_AUTHORIZED);
        assertThat(fixtures.sessions.recorded).hasSize(1);
    }

    @Test
    void theSubjectConditionDecides() {
        IamRole role = role("Deployer", "\"sts:AssumeRoleWithWebIdentity\"", AUD_AND_SUB);
        token("main", assertion("repo:main", "ci-client", List.of(), List.of(), Optional.empty()));
        token("fork", assertion("repo:fork", "ci-client", List.of(), List.of(), Optional.empty()));
        assertThat(handler.handle(request(role.arn(), "main", ""), null, a -> { })).isNotNull();
        assertRefused(() -> handler.handle(request(role.arn(), "fork", ""), null, a -> { }),
                StsErrorCode.ACCESS_DENIED, WebIdentityRoleHandler.NOT_AUTHORIZED);
    }

    @Test
    void theAmrConditionMatchesAnyOfTheTokensValues() {
        IamRole role = role("Deployer", "\"sts:AssumeRoleWithWebIdentity\"",
                "{\"ForAnyValue:StringEquals\":{\"" + URL + ":amr\":\"mfa\"}}");
        token("tok-mfa", new WebIdentityAssertion(PROVIDER, URL, "https://" + URL, "alice", "ci-client", null,
                List.of("pwd", "mfa"), NOW.minusSeconds(60), NOW.plusSeconds(600), null, null, null));
        token("tok-pwd", new WebIdentityAssertion(PROVIDER, URL, "https://" + URL, "alice", "ci-client", null,
                List.of("pwd"), NOW.minusSeconds(60), NOW.plusSeconds(600), null, null, null));
        assertThat(handler.handle(request(role.arn(), "tok-mfa", ""), null, a -> { })).isNotNull();
        assertRefused(() -> handler.handle(request(role.arn(), "tok-pwd", ""), null, a -> { }),
                StsErrorCode.ACCESS_DENIED, WebIdentityRoleHandler.NOT_AUTHORIZED);
    }

    @Test
    void onlyTheNamedProviderIsTrusted() {
        String otherProvider = "arn:aws:iam::" + DEV + ":oidc-provider/other.example";
        IamRole trustsOther = fixtures.roleTrusting(DEV, "TrustsOther",
                TRUST_WITH.formatted(otherProvider, "\"sts:AssumeRoleWithWebIdentity\"", "{}"), 3_600);
        IamRole trustsOurs = role("TrustsOurs", "\"sts:AssumeRoleWithWebIdentity\"", "{}");
        token("tok-t", assertion("alice", "ci-client", List.of(), List.of(), Optional.empty()));
        assertThat(handler.handle(request(trustsOurs.arn(), "tok-t", ""), null, a -> { })).isNotNull();
        assertRefused(() -> handler.handle(request(trustsOther.arn(), "tok-t", ""), null, a -> { }),
                StsErrorCode.ACCESS_DENIED, WebIdentityRoleHandler.NOT_AUTHORIZED);
    }

    @Test
    void aTrustPolicyForAssumeRoleDoesNotAdmitAWebIdentity() {
        IamRole assumeRoleOnly = role("AssumeRoleOnly", "\"sts:AssumeRole\"", "{}");
        IamRole webIdentity = role("WebIdentity", "\"sts:AssumeRoleWithWebIdentity\"", "{}");
        token("tok-t", assertion("alice", "ci-client", List.of(), List.of(), Optional.empty()));
        assertThat(handler.handle(request(webIdentity.arn(), "tok-t", ""), null, a -> { })).isNotNull();
        assertRefused(() -> handler.handle(request(assumeRoleOnly.arn(), "tok-t", ""), null, a -> { }),
                StsErrorCode.ACCESS_DENIED, WebIdentityRoleHandler.NOT_AUTHORIZED);
    }

    @Test
    void aMissingRoleIsRefusedExactlyLikeAnUntrustingOne() {
        IamRole untrusting = role("Untrusting", "\"sts:AssumeRoleWithWebIdentity\"", AUD_AND_SUB);
        token("fork", assertion("repo:fork", "ci-client", List.of(), List.of(), Optional.empty()));
        String missing = "arn:aws:iam::" + DEV + ":role/Missing";
        StsException forUntrusting = refusal(() -> handler.handle(request(untrusting.arn(), "fork", ""), null, a -> { }));
        StsException forMissing = refusal(() -> handler.handle(request(missing, "fork", ""), null, a -> { }));
        assertThat(forMissing.errorCode()).isEqualTo(forUntrusting.errorCode()).isEqualTo(StsErrorCode.ACCESS_DENIED);
        assertThat(forMissing.getMessage()).isEqualTo(forUntrusting.getMessage())
                .isEqualTo(WebIdentityRoleHandler.NOT_AUTHORIZED);
        // A deleted role: assumable before, refused the same way after.
        IamRole deleted = role("Deleted", "\"sts:AssumeRoleWithWebIdentity\"", "{}");
        assertThat(handler.handle(request(deleted.arn(), "fork", ""), null, a -> { })).isNotNull();
        fixtures.iam.deleteRole(DEV, "Deleted");
        assertRefused(() -> handler.handle(request(deleted.arn(), "fork", ""), null, a -> { }),
                StsErrorCode.ACCESS_DENIED, WebIdentityRoleHandler.NOT_AUTHORIZED);
    }

    @Test
    void aRefusedTokenIsTheValidatorsAnswerAndTouchesNoRole() {
        IamRole role = role("Deployer", "\"sts:AssumeRoleWithWebIdentity\"", "{}");
        token("known", assertion("alice", "ci-client", List.of(), List.of(), Optional.empty()));
        assertThat(handler.handle(request(role.arn(), "known", ""), null, a -> { })).isNotNull();
        List<WebIdentityAssertion> identified = new ArrayList<>();
        assertRefused(() -> handler.handle(request(role.arn(), "unknown", ""), null, identified::add),
                StsErrorCode.INVALID_IDENTITY_TOKEN, "No OpenIDConnect provider found");
        assertThat(identified).isEmpty();
        assertThat(fixtures.sessions.recorded).hasSize(1);
    }

    @Test
    void tokenTagsNeedTagSessionInTheTrustPolicy() {
        List<Tag> tags = List.of(new Tag("team", "ci"), new Tag("env", "dev"));
        token("tagged", assertion("alice", "ci-client", tags, List.of("team"), Optional.empty()));
        IamRole withTagSession = role("WithTagSession",
                "[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]", "{\"StringEquals\":{\"aws:RequestTag/team\":\"ci\"}}");
        IamRole without = role("Without", "\"sts:AssumeRoleWithWebIdentity\"", "{}");

        WebIdentityRoleHandler.WebIdentitySession session = handler.handle(request(withTagSession.arn(), "tagged", ""),
                null, a -> { });
        SessionContext context = session.claims().roleSession().orElseThrow();
        assertThat(context.tags()).containsExactlyElementsOf(tags);
        assertThat(context.transitiveTagKeys()).containsExactly("team");
        assertThat(session.packedPolicySize()).isPositive();
        assertRefused(() -> handler.handle(request(without.arn(), "tagged", ""), null, a -> { }),
                StsErrorCode.ACCESS_DENIED, "Not authorized to perform sts:TagSession");
    }

    @Test
    void aSourceIdentityNeedsSetSourceIdentityAndIsCarried() {
        token("sourced", assertion("alice", "ci-client", List.of(), List.of(), Optional.of("alice@example.com")));
        IamRole with = role("WithSetSourceIdentity",
                "[\"sts:AssumeRoleWithWebIdentity\",\"sts:SetSourceIdentity\"]",
                "{\"StringEquals\":{\"sts:SourceIdentity\":\"alice@example.com\"}}");
        IamRole without = role("WithoutSetSourceIdentity", "\"sts:AssumeRoleWithWebIdentity\"", "{}");
        WebIdentityRoleHandler.WebIdentitySession session = handler.handle(request(with.arn(), "sourced", ""), null, a -> { });
        assertThat(session.claims().roleSession().orElseThrow().sourceIdentity()).contains("alice@example.com");
        assertRefused(() -> handler.handle(request(without.arn(), "sourced", ""), null, a -> { }),
                StsErrorCode.ACCESS_DENIED, "Not authorized to perform sts:SetSourceIdentity");
    }

    @Test
    void tokenClaimsNoSessionCouldCarryAreAnInvalidIdentityToken() {
        IamRole role = role("Deployer", "[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]", "{}");
        token("fine", assertion("alice", "ci-client", List.of(new Tag("team", "ci")), List.of("team"), Optional.empty()));
        token("stray-transitive", assertion("alice", "ci-client", List.of(new Tag("team", "ci")), List.of("other"),
                Optional.empty()));
        token("long-subject", assertion("s".repeat(WebIdentityRoleHandler.MAX_SUBJECT + 1), "ci-client", List.of(),
                List.of(), Optional.empty()));
        assertThat(handler.handle(request(role.arn(), "fine", ""), null, a -> { })).isNotNull();
        assertRefused(() -> handler.handle(request(role.arn(), "stray-transitive", ""), null, a -> { }),
                StsErrorCode.INVALID_IDENTITY_TOKEN, WebIdentityRoleHandler.UNUSABLE_CLAIMS);
        assertRefused(() -> handler.handle(request(role.arn(), "long-subject", ""), null, a -> { }),
                StsErrorCode.INVALID_IDENTITY_TOKEN, "sub claim");
    }

    @Test
    void theDurationIsBoundByTheRolesMaximumOnceTrusted() {
        IamRole role = fixtures.roleTrusting(DEV, "TwoHours",
                TRUST_WITH.formatted(PROVIDER, "\"sts:AssumeRoleWithWebIdentity\"", AUD_AND_SUB), 7_200);
        token("tok-t", assertion("repo:main", "ci-client", List.of(), List.of(), Optional.empty()));
        token("fork", assertion("repo:fork", "ci-client", List.of(), List.of(), Optional.empty()));
        SessionClaims twoHours = handler.handle(request(role.arn(), "tok-t", "&DurationSeconds=7200"), null, a -> { }).claims();
        assertThat(Duration.between(twoHours.issuedAt(), twoHours.expiresAt())).isEqualTo(Duration.ofHours(2));
        assertRefused(() -> handler.handle(request(role.arn(), "tok-t", "&DurationSeconds=7201"), null, a -> { }),
                StsErrorCode.VALIDATION_ERROR, RoleAssumption.EXCEEDS_MAX_SESSION);
        // An untrusted token learns nothing about the role's maximum.
        assertRefused(() -> handler.handle(request(role.arn(), "fork", "&DurationSeconds=7201"), null, a -> { }),
                StsErrorCode.ACCESS_DENIED, WebIdentityRoleHandler.NOT_AUTHORIZED);
    }

    @Test
    void sessionPoliciesAreCheckedAndCarried() {
        IamRole role = role("Deployer", "\"sts:AssumeRoleWithWebIdentity\"", "{}");
        token("tok-t", assertion("alice", "ci-client", List.of(), List.of(), Optional.empty()));
        String inline = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
        WebIdentityRoleHandler.WebIdentitySession session = handler.handle(request(role.arn(), "tok-t",
                "&Policy=" + enc(inline) + "&PolicyArns.member.1.arn=" + enc(DEV_POLICY)), null, a -> { });
        SessionContext context = session.claims().roleSession().orElseThrow();
        assertThat(context.policy()).contains(inline);
        assertThat(context.policyArns()).containsExactly(DEV_POLICY);
        assertThat(session.packedPolicySize()).isPositive();
        assertRefused(() -> handler.handle(request(role.arn(), "tok-t", "&PolicyArns.member.1.arn=" + enc(PROD_POLICY)),
                null, a -> { }), StsErrorCode.VALIDATION_ERROR, "Policy " + PROD_POLICY + " does not exist or is not attachable.");
    }

    @Test
    void aWebIdentitySessionChainsAssumeRoleAndTheChainKeepsItsOriginForRevocation() {
        IamRole web = role("Deployer", "[\"sts:AssumeRoleWithWebIdentity\",\"sts:TagSession\"]", "{}");
        // The chained session inherits the transitive tag, so the next role must allow sts:TagSession too (as on AWS).
        IamRole next = fixtures.roleTrusting(DEV, "Next", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":{\"AWS\":\"" + web.arn() + "\"},\"Action\":[\"sts:AssumeRole\","
                + "\"sts:TagSession\"]}]}", 3_600);
        token("tok-t", assertion("repo:main", "ci-client", List.of(new Tag("team", "ci")), List.of("team"), Optional.empty()));
        SessionClaims first = handler.handle(request(web.arn(), "tok-t", ""), null, a -> { }).claims();
        AuthenticatedCaller caller = new AuthenticatedCaller(first.identity(), first.accessKeyId(), Optional.of(first));
        AssumeRoleHandler assumeRole = new AssumeRoleHandler(fixtures.iam, fixtures.principals,
                new MfaVerification(new IamMfaCodeChecker(fixtures.iam, CLOCK), new InMemoryUsedCodeStore(), CLOCK),
                new RoleAssumption(new TrustEvaluator(new DefaultPolicyEvaluator()), fixtures.parsedPolicies,
                        fixtures.codec, CLOCK, "us-east-1"),
                fixtures.sessions);
        String chainRequest = "Action=AssumeRole&Version=2011-06-15&RoleArn=" + enc(next.arn()) + "&RoleSessionName=s2";

        assertRefused(() -> assumeRole.handle(caller, AssumeRoleRequest.from(QueryParameters.parse(chainRequest
                + "&DurationSeconds=7200")), null), StsErrorCode.VALIDATION_ERROR, RoleAssumption.EXCEEDS_CHAINING_LIMIT);
        SessionClaims chained = assumeRole.handle(caller, AssumeRoleRequest.from(QueryParameters.parse(chainRequest)), null)
                .claims();
        assertThat(chained.lineage().originArn()).contains(PROVIDER);
        assertThat(chained.lineage().originId()).contains("repo:main");
        assertThat(chained.lineage().ancestors()).extracting(SessionLineage.Ancestor::accessKeyId)
                .containsExactly(first.accessKeyId());
        assertThat(chained.roleSession().orElseThrow().tags()).containsExactly(new Tag("team", "ci"));

        RevocationList revocations = new RevocationList(CLOCK);
        revocations.apply(Revocation.ofPrincipal(SessionLineage.subjectTarget(PROVIDER, "repo:fork"), NOW.plusSeconds(1), NOW));
        assertThat(revocations.revocationOf(chained)).as("another subject's revocation").isEmpty();
        revocations.apply(Revocation.ofPrincipal(SessionLineage.subjectTarget(PROVIDER, "repo:main"), NOW.plusSeconds(1), NOW));
        assertThat(revocations.revocationOf(first)).isPresent();
        assertThat(revocations.revocationOf(chained)).isPresent();
    }

    @Test
    void requestRules() {
        String role = "arn:aws:iam::" + DEV + ":role/Deployer";
        assertThat(request(role, "abcd", "").webIdentityToken()).isEqualTo("abcd");
        assertRefused(() -> request(role, "abc", ""), StsErrorCode.VALIDATION_ERROR,
                "Value at 'webIdentityToken' failed to satisfy constraint");
        assertRefused(() -> request(role, "a".repeat(20_001), ""), StsErrorCode.VALIDATION_ERROR,
                "Member must have length less than or equal to 20000");
        assertThat(request(role, "a".repeat(20_000), "").toString()).doesNotContain("aaaa");
        assertRefused(() -> request("arn:aws:iam::" + DEV + ":user/alice", "abcd", ""), StsErrorCode.VALIDATION_ERROR,
                "is invalid");
        assertRefused(() -> WebIdentityRequest.from(QueryParameters.parse("RoleArn=" + enc(role) + "&WebIdentityToken=abcd")),
                StsErrorCode.VALIDATION_ERROR, "roleSessionName");
        assertRefused(() -> request(role, "abcd", "&DurationSeconds=899"), StsErrorCode.VALIDATION_ERROR, "durationSeconds");
        assertRefused(() -> request(role, "abcd", "&DurationSeconds=43201"), StsErrorCode.VALIDATION_ERROR, "durationSeconds");
        assertThat(request(role, "abcd", "&DurationSeconds=43200").durationSeconds()).hasValue(43_200);
        assertRefused(() -> request(role, "abcd", "&ProviderId=www.amazon.com"), StsErrorCode.INVALID_PARAMETER_VALUE,
                "ProviderId is only for OAuth 2.0");
        assertRefused(() -> request(role, "abcd", "&ProviderId=abc"), StsErrorCode.VALIDATION_ERROR, "providerId");
        assertRefused(() -> request(role, "abcd", "&Policy=" + enc("x".repeat(2_049))), StsErrorCode.VALIDATION_ERROR,
                "policy");
        StringBuilder elevenArns = new StringBuilder();
        for (int i = 1; i <= 11; i++) {
            elevenArns.append("&PolicyArns.member.").append(i).append(".arn=").append(enc(DEV_POLICY));
        }
        assertRefused(() -> request(role, "abcd", elevenArns.toString()), StsErrorCode.VALIDATION_ERROR, "policyArns");
        assertThat(WebIdentityRequest.roleAccount(QueryParameters.parse("RoleArn=" + enc(role)))).isEqualTo(DEV);
    }

    private IamRole role(String name, String actions, String condition) {
        return fixtures.roleTrusting(DEV, name, TRUST_WITH.formatted(PROVIDER, actions, condition), 3_600);
    }

    private void token(String token, WebIdentityAssertion assertion) {
        tokens.put(token, assertion);
    }

    private static WebIdentityAssertion assertion(String subject, String audience, List<Tag> tags,
                                                  List<String> transitiveKeys, Optional<String> sourceIdentity) {
        return new WebIdentityAssertion(PROVIDER, URL, "https://" + URL, subject, audience, List.of(audience), List.of(),
                NOW.minusSeconds(60), NOW.plusSeconds(600), tags, transitiveKeys, sourceIdentity);
    }

    private static WebIdentityRequest request(String roleArn, String token, String more) {
        return WebIdentityRequest.from(QueryParameters.parse("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn="
                + enc(roleArn) + "&RoleSessionName=s1&WebIdentityToken=" + enc(token) + more));
    }

    private static StsException refusal(Runnable call) {
        try {
            call.run();
        } catch (StsException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

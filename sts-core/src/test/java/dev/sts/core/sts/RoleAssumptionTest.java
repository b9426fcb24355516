package dev.sts.core.sts;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.PolicyDocumentCache;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.Tag;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.NamedPolicy;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicyParser;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.PolicyType;
import dev.sts.core.policy.TrustEvaluator;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionClaims.SessionContext;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AssumeRole decided with real policies, parsed and evaluated by the real engine; nothing is mocked. */
class RoleAssumptionTest {
    static final String DEV = "111111111111";
    static final String PROD = "222222222222";
    static final String ALICE_ARN = "arn:aws:iam::" + DEV + ":user/alice";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    final SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse("k1:" + Base64.getEncoder().encodeToString(new byte[32])));
    final PolicyDocumentCache parsedPolicies = new PolicyDocumentCache(1 << 20);
    final RoleAssumption assumption = new RoleAssumption(new TrustEvaluator(new DefaultPolicyEvaluator()), parsedPolicies,
            codec, Clock.fixed(NOW, ZoneOffset.UTC), "us-east-1");
    final AuthenticatedCaller alice = new AuthenticatedCaller(
            CallerIdentity.user(DEV, "/", "alice", "AIDAALICE000000000001"), "AKIAALICE00000000001", Optional.empty());
    final AuthenticatedCaller root = new AuthenticatedCaller(CallerIdentity.root(DEV), "AKIAROOT000000000001", Optional.empty());

    // ---------------------------------------------------------------------------------------------------------
    // Who may assume a role

    @Test
    void sameAccountTrustNamingTheUserIsEnoughWithoutAnyIdentityPolicy() {
        IamRole role = role(DEV, "/", "ReportWriter", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        RoleAssumption.AssumedRole assumed = assume(alice, none(), role, request(role));

        assertThat(assumed.assumedRoleArn()).isEqualTo("arn:aws:sts::" + DEV + ":assumed-role/ReportWriter/alice-session");
        assertThat(assumed.assumedRoleId()).isEqualTo(role.roleId() + ":alice-session");
        assertThat(assumed.packedPolicySize()).isZero();
        assertThat(assumed.sourceIdentity()).isEmpty();
        TemporaryCredentials credentials = assumed.credentials();
        assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(credentials.secretAccessKey()).hasSize(40);
        assertThat(credentials.expiration()).as("DurationSeconds defaults to one hour").isEqualTo(NOW.plusSeconds(3600));

        SessionClaims claims = codec.open(credentials.sessionToken());
        assertThat(claims).isEqualTo(assumed.claims());
        assertThat(claims.identity()).isEqualTo(new CallerIdentity(DEV, assumed.assumedRoleArn(), assumed.assumedRoleId(),
                PrincipalType.ASSUMED_ROLE, "alice-session"));
        assertThat(claims.sourceAccessKeyId()).isEqualTo(alice.accessKeyId());
        assertThat(claims.mfaAuthenticated()).isFalse();
        assertThat(claims.issuingRegion()).isEqualTo("us-east-1");
        SessionContext context = claims.roleSession().orElseThrow();
        assertThat(context.issuerArn()).isEqualTo(role.arn());
        assertThat(context.issuerId()).isEqualTo(role.roleId());
        assertThat(context.sessionName()).isEqualTo("alice-session");
        assertThat(context.chained()).isFalse();
        assertThat(context.tags()).isEmpty();
        assertThat(context.hasSessionPolicies()).isFalse();
    }

    @Test
    void theSessionArnNamesTheRoleWithoutItsPath() {
        IamRole role = role(DEV, "/division/team/", "ReportWriter", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        RoleAssumption.AssumedRole assumed = assume(alice, none(), role, request(role));
        assertThat(assumed.assumedRoleArn()).isEqualTo("arn:aws:sts::" + DEV + ":assumed-role/ReportWriter/alice-session");
        assertThat(assumed.claims().context().orElseThrow().issuerArn())
                .isEqualTo("arn:aws:iam::" + DEV + ":role/division/team/ReportWriter");
    }

    @Test
    void trustNamingTheAccountDelegatesToTheCallersIdentityPolicies() {
        IamRole role = role(DEV, "/", "ReportWriter", trust(allow("sts:AssumeRole", principal(DEV))));
        deniedAs(() -> assume(alice, none(), role, request(role)),
                "User: " + ALICE_ARN + " is not authorized to perform: sts:AssumeRole on resource: " + role.arn());
        assertThat(assume(alice, identity(allowOn("sts:AssumeRole", role.arn())), role, request(role))).isNotNull();
        deniedAs(() -> assume(alice, identity(allowOn("sts:AssumeRole", "arn:aws:iam::" + DEV + ":role/Other")), role,
                request(role)), "is not authorized to perform: sts:AssumeRole");
    }

    @Test
    void crossAccountNeedsBothTheTrustPolicyAndTheCallersIdentityPolicies() {
        IamRole role = role(PROD, "/", "Deployer", trust(allow("sts:AssumeRole", principal("arn:aws:iam::" + DEV + ":root"))));
        PolicySet identityAllow = identity(allowOn("sts:AssumeRole", role.arn()));

        RoleAssumption.AssumedRole assumed = assume(alice, identityAllow, role, request(role));
        assertThat(assumed.assumedRoleArn()).isEqualTo("arn:aws:sts::" + PROD + ":assumed-role/Deployer/alice-session");
        assertThat(assumed.claims().identity().account()).isEqualTo(PROD);

        deniedAs(() -> assume(alice, none(), role, request(role)), "is not authorized to perform: sts:AssumeRole on resource: "
                + role.arn());
        IamRole trustingAnotherAccount = role.withTrustPolicy(trust(allow("sts:AssumeRole", principal("333333333333"))));
        deniedAs(() -> assume(alice, identityAllow, trustingAnotherAccount, request(trustingAnotherAccount)),
                "is not authorized to perform: sts:AssumeRole");
        IamRole trustingAlice = role.withTrustPolicy(trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        deniedAs(() -> assume(alice, none(), trustingAlice, request(trustingAlice)),
                "is not authorized to perform: sts:AssumeRole");
        assertThat(assume(alice, identityAllow, trustingAlice, request(trustingAlice))).isNotNull();
    }

    @Test
    void anExplicitDenySaysWhere() {
        IamRole role = role(DEV, "/", "ReportWriter", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        PolicySet deny = identity("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}");
        deniedAs(() -> assume(alice, deny, role, request(role)), "User: " + ALICE_ARN + " is not authorized to perform: "
                + "sts:AssumeRole on resource: " + role.arn() + " with an explicit deny in an identity-based policy");
    }

    @Test
    void aPermissionsBoundaryLimitsTheCallerSide() {
        IamRole role = role(PROD, "/", "Deployer", trust(allow("sts:AssumeRole", principal(DEV))));
        NamedPolicy boundary = new NamedPolicy("boundary", PolicyType.PERMISSIONS_BOUNDARY, PolicyParser.parse(
                allowOn("s3:*", "*"), PolicyKind.BOUNDARY));
        PolicySet bounded = new PolicySet(List.of(identityPolicy(allowOn("sts:AssumeRole", role.arn()))),
                Optional.of(boundary), Optional.empty(), Optional.empty());
        deniedAs(() -> assume(alice, bounded, role, request(role)), "is not authorized to perform: sts:AssumeRole");
    }

    @Test
    void anAccountRootCannotAssumeARole() {
        IamRole role = role(DEV, "/", "ReportWriter", trust(allow("sts:AssumeRole", principal(DEV))));
        assertThatThrownBy(() -> assume(root, none(), role, request(role))).isInstanceOf(StsException.class)
                .hasMessage("Roles may not be assumed by root accounts.")
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.ACCESS_DENIED);
    }

    @Test
    void aFederatedUserCannotAssumeARole() {
        CallerIdentity federated = new CallerIdentity(DEV, "arn:aws:sts::" + DEV + ":federated-user/bob", DEV + ":bob",
                PrincipalType.FEDERATED_USER, "bob");
        SessionClaims claims = new SessionClaims("ASIAFEDERATED0000001", "secret", federated, NOW.minusSeconds(60),
                NOW.plusSeconds(3600), false, "us-east-1", "AKIAALICE00000000001");
        AuthenticatedCaller caller = new AuthenticatedCaller(federated, claims.accessKeyId(), Optional.of(claims));
        IamRole role = role(DEV, "/", "ReportWriter", trust(allow("sts:AssumeRole", principal(DEV))));
        deniedAs(() -> assume(caller, identity(allowOn("sts:AssumeRole", "*")), role, request(role)),
                "User: arn:aws:sts::" + DEV + ":federated-user/bob is not authorized to perform: sts:AssumeRole");
    }

    @Test
    void aTrustPolicyThatNoLongerParsesTrustsNoOne() {
        IamRole role = role(DEV, "/", "ReportWriter", "{\"Version\":\"2012-10-17\",\"Statement\":[");
        deniedAs(() -> assume(alice, identity(allowOn("sts:AssumeRole", "*")), role, request(role)),
                "is not authorized to perform: sts:AssumeRole");
        deniedAs(() -> assume(alice, identity(allowOn("sts:AssumeRole", "*")), role, request(role)),
                "is not authorized to perform: sts:AssumeRole");

        IamRole repaired = role.withTrustPolicy(trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        assertThat(assume(alice, none(), repaired, request(repaired))).isNotNull();
    }

    @Test
    void aChangedTrustPolicyIsDecidedByItsNewText() {
        IamRole role = role(DEV, "/", "ReportWriter", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        assertThat(assume(alice, none(), role, request(role))).isNotNull();

        IamRole trustingBob = role.withTrustPolicy(trust(allow("sts:AssumeRole", principal("arn:aws:iam::" + DEV + ":user/bob"))));
        deniedAs(() -> assume(alice, none(), trustingBob, request(trustingBob)),
                "is not authorized to perform: sts:AssumeRole");
        assertThat(assume(alice, none(), role, request(role))).as("the first text, decided again").isNotNull();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Conditions of the trust policy

    @Test
    void externalIdMustMatchWhenTheTrustPolicyAsksForIt() {
        IamRole role = role(DEV, "/", "Vendor", trust(allow("sts:AssumeRole", principal(ALICE_ARN),
                "{\"StringEquals\":{\"sts:ExternalId\":\"Example987\"}}")));
        assertThat(assume(alice, none(), role, request(role, "ExternalId", "Example987"))).isNotNull();
        deniedAs(() -> assume(alice, none(), role, request(role, "ExternalId", "Example988")), "sts:AssumeRole");
        deniedAs(() -> assume(alice, none(), role, request(role)), "sts:AssumeRole");
    }

    @Test
    void anAbsentExternalIdIsAbsentNotEmpty() {
        IamRole role = role(DEV, "/", "Vendor", trust(allow("sts:AssumeRole", principal(ALICE_ARN),
                "{\"Null\":{\"sts:ExternalId\":\"true\"}}")));
        assertThat(assume(alice, none(), role, request(role))).isNotNull();
        deniedAs(() -> assume(alice, none(), role, request(role, "ExternalId", "given")), "sts:AssumeRole");
    }

    @Test
    void mfaVerifiedForThisCallSatisfiesAnMfaCondition() {
        IamRole role = role(DEV, "/", "Admin", trust(allow("sts:AssumeRole", principal(ALICE_ARN),
                "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"300\"}}")));
        AssumeRoleRequest withMfa = request(role, "SerialNumber", "arn:aws:iam::" + DEV + ":mfa/alice", "TokenCode", "123456");
        RoleAssumption.AssumedRole assumed = assumption.assume(alice, none(), List.of(), role, withMfa, ANY_POLICY_ARNS, true, "10.0.0.1");
        assertThat(assumed.claims().mfaAuthenticated()).isTrue();
        deniedAs(() -> assume(alice, none(), role, request(role)), "sts:AssumeRole");
    }

    @Test
    void aLongTermCallerWithoutMfaHasNoMfaKeysAtAll() {
        IamRole role = role(DEV, "/", "Admin", trust(allow("sts:AssumeRole", principal(ALICE_ARN),
                "{\"Null\":{\"aws:MultiFactorAuthPresent\":\"true\",\"aws:MultiFactorAuthAge\":\"true\"}}")));
        assertThat(assume(alice, none(), role, request(role))).isNotNull();
        IamRole denyWithoutMfa = role.withTrustPolicy(trust(allow("sts:AssumeRole", principal(ALICE_ARN),
                "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"true\"}}")));
        assertThat(assume(alice, none(), denyWithoutMfa, request(denyWithoutMfa)))
                .as("…IfExists is true when the key is absent: the classic trap of MFA policies").isNotNull();
    }

    @Test
    void anMfaSessionCarriesItsMfaIntoTheRoleSession() {
        AuthenticatedCaller caller = aliceMfaSessionIssued(NOW.minusSeconds(120));
        IamRole role = role(DEV, "/", "Admin", trust(allow("sts:AssumeRole", principal(ALICE_ARN),
                "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"300\"}}")),
                7200);
        RoleAssumption.AssumedRole assumed = assume(caller, none(), role, request(role, "DurationSeconds", "7200"));
        assertThat(assumed.claims().mfaAuthenticated()).isTrue();
        assertThat(assumed.claims().roleSession().orElseThrow().chained())
                .as("a GetSessionToken session is not a role session: no chaining limit").isFalse();
        assertThat(assumed.credentials().expiration()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(assumed.claims().sourceAccessKeyId()).isEqualTo(alice.accessKeyId());
    }

    /** Alice's GetSessionToken session, MFA-authenticated when it was issued. */
    private AuthenticatedCaller aliceMfaSessionIssued(Instant issuedAt) {
        SessionClaims mfaSession = new SessionClaims("ASIAALICEMFA00000001", "s", alice.identity(), issuedAt,
                issuedAt.plusSeconds(43_000), true, "us-east-1", alice.accessKeyId());
        return new AuthenticatedCaller(alice.identity(), mfaSession.accessKeyId(), Optional.of(mfaSession));
    }

    @Test
    void chainingKeepsTheTimeOfTheOriginalMfaAuthentication() {
        AuthenticatedCaller caller = aliceMfaSessionIssued(NOW.minusSeconds(120));
        IamRole first = role(DEV, "/", "First", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        RoleAssumption.AssumedRole firstSession = assume(caller, none(), first, request(first));
        assertThat(firstSession.claims().mfaAuthenticatedAt()).as("inherited, not restarted").contains(NOW.minusSeconds(120));

        // A role that wants MFA within the last 100 s: the first session's MFA is 120 s old, however new the session.
        String recentMfa = "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"},"
                + "\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"100\"}}";
        IamRole strict = role(DEV, "/", "Strict", trust(allow("sts:AssumeRole", principal(first.arn()), recentMfa)));
        deniedAs(() -> assume(sessionOf(firstSession), none(), strict, request(strict)), "sts:AssumeRole");
        IamRole lenient = role(DEV, "/", "Lenient", trust(allow("sts:AssumeRole", principal(first.arn()),
                recentMfa.replace("\"100\"", "\"200\""))));
        assertThat(assume(sessionOf(firstSession), none(), lenient, request(lenient)).claims().mfaAuthenticatedAt())
                .contains(NOW.minusSeconds(120));
    }

    @Test
    void sessionNameAndSourceIpAndPrincipalTagsAreInTheRequestContext() {
        IamRole role = role(DEV, "/", "Ops", trust(allow("sts:AssumeRole", principal(ALICE_ARN),
                "{\"StringEquals\":{\"sts:RoleSessionName\":\"${aws:username}\",\"aws:PrincipalTag/Department\":\"Ops\"},"
                        + "\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}")));
        AssumeRoleRequest asAlice = request(role, "RoleSessionName", "alice");
        List<Tag> ops = List.of(new Tag("Department", "Ops"));
        assertThat(assumption.assume(alice, none(), ops, role, asAlice, ANY_POLICY_ARNS, false, "10.1.2.3")).isNotNull();
        deniedAs(() -> assumption.assume(alice, none(), List.of(new Tag("Department", "Dev")), role, asAlice, ANY_POLICY_ARNS,
                false, "10.1.2.3"), "sts:AssumeRole");
        deniedAs(() -> assumption.assume(alice, none(), ops, role, asAlice, ANY_POLICY_ARNS, false, "192.168.1.1"), "sts:AssumeRole");
        deniedAs(() -> assumption.assume(alice, none(), ops, role, request(role, "RoleSessionName", "mallory"), ANY_POLICY_ARNS,
                false, "10.1.2.3"), "sts:AssumeRole");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Duration and role chaining

    @Test
    void durationUpToTheRolesMaximum() {
        IamRole role = role(DEV, "/", "Long", trust(allow("sts:AssumeRole", principal(ALICE_ARN))), 7200);
        assertThat(assume(alice, none(), role, request(role, "DurationSeconds", "900")).credentials().expiration())
                .isEqualTo(NOW.plusSeconds(900));
        assertThat(assume(alice, none(), role, request(role, "DurationSeconds", "7200")).credentials().expiration())
                .isEqualTo(NOW.plusSeconds(7200));
        validation(() -> assume(alice, none(), role, request(role, "DurationSeconds", "7201")),
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    @Test
    void theMaximumIsRevealedOnlyToATrustedCaller() {
        IamRole role = role(DEV, "/", "Long", trust(allow("sts:AssumeRole", principal("arn:aws:iam::" + DEV + ":user/bob"))));
        deniedAs(() -> assume(alice, none(), role, request(role, "DurationSeconds", "43200")), "sts:AssumeRole");
    }

    @Test
    void roleChainingIsLimitedToOneHourAndKeepsTheOneHourDefault() {
        IamRole first = role(DEV, "/", "First", trust(allow("sts:AssumeRole", principal(ALICE_ARN))), 43_200);
        IamRole second = role(DEV, "/", "Second", trust(allow("sts:AssumeRole", principal(first.arn()))), 43_200);
        AuthenticatedCaller session = sessionOf(assume(alice, none(), first, request(first, "DurationSeconds", "43200")));

        RoleAssumption.AssumedRole chained = assume(session, none(), second, request(second));
        assertThat(chained.credentials().expiration()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(chained.claims().roleSession().orElseThrow().chained()).isTrue();
        assertThat(chained.claims().sourceAccessKeyId()).as("the long-term key at the start of the chain")
                .isEqualTo(alice.accessKeyId());
        assertThat(assume(session, none(), second, request(second, "DurationSeconds", "3600"))).isNotNull();
        validation(() -> assume(session, none(), second, request(second, "DurationSeconds", "3601")),
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    }

    @Test
    void theChainingLimitIsTheSameAnswerWhetherTheRoleExistsOrNot() {
        IamRole first = role(DEV, "/", "First", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        AuthenticatedCaller session = sessionOf(assume(alice, none(), first, request(first)));
        IamRole neverCreated = role(DEV, "/", "NeverCreated", trust(allow("sts:AssumeRole", principal(DEV))));
        // Checked on the request alone, before the service looks the role up.
        validation(() -> assumption.refuseByCallerAndRequest(session, request(neverCreated, "DurationSeconds", "3601")),
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        assertThatCode(() -> assumption.refuseByCallerAndRequest(session, request(neverCreated, "DurationSeconds", "3600")))
                .doesNotThrowAnyException();
    }

    @Test
    void aChainedCallerIsJudgedAsItsSession() {
        IamRole first = role(DEV, "/", "First", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        IamRole second = role(DEV, "/", "Second", trust(allow("sts:AssumeRole", principal(DEV),
                "{\"ArnEquals\":{\"aws:PrincipalArn\":\"" + first.arn() + "\"},"
                        + "\"StringLike\":{\"aws:userid\":\"" + first.roleId() + ":*\"}}")));
        AuthenticatedCaller session = sessionOf(assume(alice, none(), first, request(first)));
        deniedAs(() -> assume(session, none(), second, request(second)),
                "User: arn:aws:sts::" + DEV + ":assumed-role/First/alice-session is not authorized to perform: sts:AssumeRole");
        assertThat(assume(session, identity(allowOn("sts:AssumeRole", second.arn())), second, request(second))).isNotNull();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Session tags

    @Test
    void tagsNeedTagSessionInTheTrustPolicy() {
        IamRole role = role(DEV, "/", "Tagged", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        AssumeRoleRequest tagged = request(role, "Tags.member.1.Key", "Project", "Tags.member.1.Value", "Automation");
        deniedAs(() -> assume(alice, none(), role, tagged),
                "User: " + ALICE_ARN + " is not authorized to perform: sts:TagSession on resource: " + role.arn());

        IamRole tagging = role.withTrustPolicy(trust(allow("[\"sts:AssumeRole\",\"sts:TagSession\"]", principal(ALICE_ARN))));
        RoleAssumption.AssumedRole assumed = assume(alice, none(), tagging, tagged);
        assertThat(assumed.claims().roleSession().orElseThrow().tags()).containsExactly(new Tag("Project", "Automation"));
        assertThat(assumed.packedPolicySize()).isBetween(1, 5);
    }

    @Test
    void theTrustPolicyCanLimitTagValuesKeysAndTransitiveKeys() {
        IamRole role = role(DEV, "/", "Tagged", trust(allow("sts:AssumeRole", principal(ALICE_ARN)),
                allow("sts:TagSession", principal(ALICE_ARN), "{\"StringEquals\":{\"aws:RequestTag/Department\":"
                        + "[\"Engineering\",\"Marketing\"]},\"ForAllValues:StringEquals\":{\"aws:TagKeys\":"
                        + "[\"Department\",\"Project\"],\"sts:TransitiveTagKeys\":[\"Department\"]}}")));
        assertThat(assume(alice, none(), role, request(role, "Tags.member.1.Key", "Department", "Tags.member.1.Value",
                "Engineering", "TransitiveTagKeys.member.1", "Department"))).isNotNull();
        deniedAs(() -> assume(alice, none(), role, request(role, "Tags.member.1.Key", "Department",
                "Tags.member.1.Value", "Sales")), "sts:TagSession");
        deniedAs(() -> assume(alice, none(), role, request(role, "Tags.member.1.Key", "Department",
                "Tags.member.1.Value", "Engineering", "Tags.member.2.Key", "Admin", "Tags.member.2.Value", "yes")),
                "sts:TagSession");
        deniedAs(() -> assume(alice, none(), role, request(role, "Tags.member.1.Key", "Department",
                "Tags.member.1.Value", "Engineering", "Tags.member.2.Key", "Project", "Tags.member.2.Value", "x",
                "TransitiveTagKeys.member.1", "Project")), "sts:TagSession");
    }

    @Test
    void transitiveTagsCarryAlongTheChainAndCannotBeSetAgain() {
        IamRole first = role(DEV, "/", "First", trust(allow("[\"sts:AssumeRole\",\"sts:TagSession\"]", principal(ALICE_ARN))));
        IamRole second = role(DEV, "/", "Second", trust(allow("[\"sts:AssumeRole\",\"sts:TagSession\"]",
                principal(first.arn()))));
        RoleAssumption.AssumedRole firstSession = assume(alice, none(), first, request(first,
                "Tags.member.1.Key", "Project", "Tags.member.1.Value", "Automation",
                "Tags.member.2.Key", "Team", "Tags.member.2.Value", "Reports",
                "TransitiveTagKeys.member.1", "Project"));
        AuthenticatedCaller session = sessionOf(firstSession);

        SessionContext inherited = assume(session, none(), second, request(second)).claims().roleSession().orElseThrow();
        assertThat(inherited.tags()).containsExactly(new Tag("Project", "Automation"));
        assertThat(inherited.transitiveTagKeys()).containsExactly("Project");

        SessionContext added = assume(session, none(), second, request(second, "Tags.member.1.Key", "Env",
                "Tags.member.1.Value", "dev", "TransitiveTagKeys.member.1", "Env")).claims().roleSession().orElseThrow();
        assertThat(added.tags()).containsExactly(new Tag("Project", "Automation"), new Tag("Env", "dev"));
        assertThat(added.transitiveTagKeys()).containsExactly("Project", "Env");

        assertThatThrownBy(() -> assume(session, none(), second, request(second, "Tags.member.1.Key", "project",
                "Tags.member.1.Value", "Other")))
                .isInstanceOf(StsException.class)
                .hasMessage("One of the specified transitive tag keys can't be set because it conflicts with a transitive "
                        + "tag key from the calling session.")
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.INVALID_PARAMETER_VALUE);
    }

    @Test
    void inheritingTransitiveTagsNeedsTagSessionToo() {
        IamRole first = role(DEV, "/", "First", trust(allow("[\"sts:AssumeRole\",\"sts:TagSession\"]", principal(ALICE_ARN))));
        IamRole second = role(DEV, "/", "Second", trust(allow("sts:AssumeRole", principal(first.arn()))));
        AuthenticatedCaller tagged = sessionOf(assume(alice, none(), first, request(first, "Tags.member.1.Key", "Project",
                "Tags.member.1.Value", "Automation", "TransitiveTagKeys.member.1", "Project")));
        deniedAs(() -> assume(tagged, none(), second, request(second)), "is not authorized to perform: sts:TagSession");
        AuthenticatedCaller untransitive = sessionOf(assume(alice, none(), first, request(first, "Tags.member.1.Key",
                "Project", "Tags.member.1.Value", "Automation")));
        assertThat(assume(untransitive, none(), second, request(second)).claims().roleSession().orElseThrow().tags())
                .as("tags that are not transitive stay with their session").isEmpty();
    }

    @Test
    void inheritedTransitiveTagsAreThePrincipalTagsOfTheCaller() {
        IamRole first = role(DEV, "/", "First", trust(allow("[\"sts:AssumeRole\",\"sts:TagSession\"]", principal(ALICE_ARN))));
        IamRole second = role(DEV, "/", "Second", trust(allow("sts:AssumeRole", principal(first.arn()),
                "{\"StringEquals\":{\"aws:PrincipalTag/Project\":\"Automation\"}}"),
                allow("sts:TagSession", principal(first.arn()), "{\"Null\":{\"aws:TagKeys\":\"true\"}}")));
        RoleAssumption.AssumedRole firstSession = assume(alice, none(), first, request(first, "Tags.member.1.Key",
                "Project", "Tags.member.1.Value", "Automation", "TransitiveTagKeys.member.1", "Project"));
        List<Tag> sessionTags = firstSession.claims().roleSession().orElseThrow().tags();
        assertThat(assumption.assume(sessionOf(firstSession), none(), sessionTags, second, request(second), ANY_POLICY_ARNS,
                false, null)).isNotNull();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Source identity

    @Test
    void settingASourceIdentityNeedsSetSourceIdentity() {
        IamRole role = role(DEV, "/", "Audited", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        AssumeRoleRequest withIdentity = request(role, "SourceIdentity", "alice");
        deniedAs(() -> assume(alice, none(), role, withIdentity),
                "User: " + ALICE_ARN + " is not authorized to perform: sts:SetSourceIdentity on resource: " + role.arn());

        IamRole audited = role.withTrustPolicy(trust(allow("[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]",
                principal(ALICE_ARN), "{\"StringEquals\":{\"sts:SourceIdentity\":\"${aws:username}\"}}")));
        RoleAssumption.AssumedRole assumed = assume(alice, none(), audited, withIdentity);
        assertThat(assumed.sourceIdentity()).hasValue("alice");
        assertThat(assumed.claims().roleSession().orElseThrow().sourceIdentity()).hasValue("alice");
        deniedAs(() -> assume(alice, none(), audited, request(audited, "SourceIdentity", "mallory")), "sts:AssumeRole");
    }

    @Test
    void aSourceIdentityIsInheritedAndCannotChange() {
        IamRole first = role(DEV, "/", "First", trust(allow("[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]",
                principal(ALICE_ARN))));
        IamRole second = role(DEV, "/", "Second", trust(allow("[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]",
                principal(first.arn()), "{\"StringEquals\":{\"sts:SourceIdentity\":\"alice\",\"aws:SourceIdentity\":\"alice\"}}")));
        AuthenticatedCaller session = sessionOf(assume(alice, none(), first, request(first, "SourceIdentity", "alice")));

        RoleAssumption.AssumedRole inherited = assume(session, none(), second, request(second));
        assertThat(inherited.sourceIdentity()).hasValue("alice");
        assertThat(assume(session, none(), second, request(second, "SourceIdentity", "alice")).sourceIdentity())
                .hasValue("alice");
        validation(() -> assume(session, none(), second, request(second, "SourceIdentity", "mallory")),
                "The source identity is already set for this assume role session");

        IamRole withoutPermission = second.withTrustPolicy(trust(allow("sts:AssumeRole", principal(first.arn()))));
        deniedAs(() -> assume(session, none(), withoutPermission, request(withoutPermission)),
                "is not authorized to perform: sts:SetSourceIdentity");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Session policies and the packed size

    @Test
    void sessionPoliciesAreSealedIntoTheSession() {
        IamRole role = role(DEV, "/", "Scoped", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        String arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        AssumeRoleRequest scoped = request(role, "Policy", PackedPolicySizeTest.SMALL_POLICY, "PolicyArns.member.1.arn", arn);
        RoleAssumption.AssumedRole assumed = assumption.assume(alice, none(), List.of(), role, scoped, ANY_POLICY_ARNS,
                false, null);
        SessionContext context = codec.open(assumed.credentials().sessionToken()).roleSession().orElseThrow();
        assertThat(context.policy()).hasValue(PackedPolicySizeTest.SMALL_POLICY);
        assertThat(context.policyArns()).containsExactly(arn);
        assertThat(assumed.packedPolicySize()).isBetween(1, 15);
    }

    @Test
    void tooMuchToPackIsRefusedWithAwsWording() {
        IamRole role = role(DEV, "/", "Tagged", trust(allow("[\"sts:AssumeRole\",\"sts:TagSession\"]", principal(ALICE_ARN))));
        Map<String, String> tags = new LinkedHashMap<>();
        List<Tag> maximal = PackedPolicySizeTest.maximalTags(9);
        for (int i = 0; i < maximal.size(); i++) {
            tags.put("Tags.member." + (i + 1) + ".Key", maximal.get(i).key());
            tags.put("Tags.member." + (i + 1) + ".Value", maximal.get(i).value());
        }
        AssumeRoleRequest tagsOnly = request(role, tags);
        assertThatThrownBy(() -> assume(alice, none(), role, tagsOnly)).isInstanceOf(StsException.class)
                .hasMessageMatching("Packed size of session tags consumes \\d{3}% of allotted space\\.")
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.PACKED_POLICY_TOO_LARGE);
        tags.put("Policy", PackedPolicySizeTest.SMALL_POLICY);
        assertThatThrownBy(() -> assume(alice, none(), role, request(role, tags)))
                .hasMessageMatching("Packed policy consumes \\d{3}% of allotted space, please use smaller policy\\.");
    }

    @Test
    void aPolicyAtItsOwnLimitFits() {
        IamRole role = role(DEV, "/", "Scoped", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        String policy = PackedPolicySizeTest.incompressiblePolicy(2048, 11);
        RoleAssumption.AssumedRole assumed = assume(alice, none(), role, request(role, "Policy", policy));
        assertThat(assumed.packedPolicySize()).isBetween(60, 99);
        assertThat(codec.open(assumed.credentials().sessionToken())).isEqualTo(assumed.claims());
    }

    // ---------------------------------------------------------------------------------------------------------
    // What the service must get right

    @Test
    void inputsThatDisagreeWithTheRequestAreProgrammingErrors() {
        IamRole role = role(DEV, "/", "R", trust(allow("sts:AssumeRole", principal(ALICE_ARN))));
        IamRole other = role(DEV, "/", "Other", role.assumeRolePolicyDocument());
        assertThatThrownBy(() -> assume(alice, none(), other, request(role))).isInstanceOf(IllegalArgumentException.class);
        assertThat(assume(alice, none(), role, request(role, "RoleArn", "arn:aws:iam::" + DEV + ":role/r")))
                .as("role names are unique regardless of case").isNotNull();
        assertThatThrownBy(() -> assumption.assume(alice, none(), List.of(), role, request(role), ANY_POLICY_ARNS, true, null))
                .isInstanceOf(IllegalArgumentException.class);
        AssumeRoleRequest withMfa = request(role, "SerialNumber", "GAHT12345678", "TokenCode", "123456");
        assertThatThrownBy(() -> assumption.assume(alice, none(), List.of(), role, withMfa, ANY_POLICY_ARNS, false, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The handler's check of PolicyArns is tested with it (AssumeRoleHandlerTest); here every ARN passes. */
    private static final RoleAssumption.SessionPolicyCheck ANY_POLICY_ARNS = (arns, account) -> {
    };

    private RoleAssumption.AssumedRole assume(AuthenticatedCaller caller, PolicySet policies, IamRole role,
                                              AssumeRoleRequest request) {
        return assumption.assume(caller, policies, List.of(), role, request, ANY_POLICY_ARNS, false, "198.51.100.7");
    }

    static AuthenticatedCaller sessionOf(RoleAssumption.AssumedRole assumed) {
        SessionClaims claims = assumed.claims();
        return new AuthenticatedCaller(claims.identity(), claims.accessKeyId(), Optional.of(claims));
    }

    static IamRole role(String account, String path, String name, String trustPolicy) {
        return role(account, path, name, trustPolicy, IamRole.DEFAULT_MAX_SESSION_DURATION);
    }

    static IamRole role(String account, String path, String name, String trustPolicy, int maxSessionDuration) {
        String roleId = ("AROA" + name.toUpperCase() + "00000000000000000").substring(0, 21);
        return new IamRole(account, name, path, roleId, NOW.minus(Duration.ofDays(30)), trustPolicy, null,
                maxSessionDuration, List.of(), Map.of(), List.of(), null);
    }

    static AssumeRoleRequest request(IamRole role, String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        return request(role, params);
    }

    static AssumeRoleRequest request(IamRole role, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("RoleArn", role.arn());
        params.put("RoleSessionName", "alice-session");
        params.putAll(extra);
        return AssumeRoleRequest.from(AssumeRoleRequestTest.query(params));
    }

    /** A trust policy of the given statements. */
    static String trust(String... statements) {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
        PolicyParser.parse(json, PolicyKind.TRUST);
        return json;
    }

    /** An Allow statement; {@code action} is a JSON string value or array, given bare or quoted. */
    static String allow(String action, String principal, String condition) {
        String actionJson = action.startsWith("[") ? action : "\"" + action + "\"";
        return "{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":" + actionJson
                + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    static String allow(String action, String principal) {
        return allow(action, principal, null);
    }

    static String principal(String aws) {
        return "{\"AWS\":\"" + aws + "\"}";
    }

    static String allowOn(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    static NamedPolicy identityPolicy(String json) {
        return new NamedPolicy("identity", PolicyType.IDENTITY, PolicyParser.parse(json, PolicyKind.IDENTITY));
    }

    static PolicySet identity(String json) {
        return PolicySet.ofIdentity(List.of(identityPolicy(json)));
    }

    static PolicySet none() {
        return PolicySet.ofIdentity(List.of());
    }

    private static void deniedAs(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(StsException.class).hasMessageContaining(message)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.ACCESS_DENIED);
    }

    private static void validation(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(StsException.class).hasMessage(message)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.VALIDATION_ERROR);
    }
}

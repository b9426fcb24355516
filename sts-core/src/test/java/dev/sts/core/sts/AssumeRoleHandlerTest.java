package dev.sts.core.sts;

import dev.sts.core.mfa.IamMfaCodeChecker;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.core.mfa.MfaVerification;
import dev.sts.core.mfa.Totp;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.TrustEvaluator;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.store.InMemoryUsedCodeStore;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.sts.core.sts.StsHandlerFixtures.AWS_MANAGED;
import static dev.sts.core.sts.StsHandlerFixtures.CLOCK;
import static dev.sts.core.sts.StsHandlerFixtures.DEV;
import static dev.sts.core.sts.StsHandlerFixtures.DEV_POLICY;
import static dev.sts.core.sts.StsHandlerFixtures.NOW;
import static dev.sts.core.sts.StsHandlerFixtures.PROD;
import static dev.sts.core.sts.StsHandlerFixtures.PROD_POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AssumeRole's one orchestration, over real IAM state, the real policy engine and the real MFA checks. */
class AssumeRoleHandlerTest {
    private static final String SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static final String SERIAL = "arn:aws:iam::" + DEV + ":mfa/alice";

    private final StsHandlerFixtures fixtures = new StsHandlerFixtures();
    private final AssumeRoleHandler handler = new AssumeRoleHandler(fixtures.iam, fixtures.principals,
            new MfaVerification(new IamMfaCodeChecker(fixtures.iam, CLOCK), new InMemoryUsedCodeStore(), CLOCK),
            new RoleAssumption(new TrustEvaluator(new DefaultPolicyEvaluator()), fixtures.parsedPolicies, fixtures.codec,
                    CLOCK, "us-east-1"),
            fixtures.sessions);
    private final AuthenticatedCaller alice = fixtures.alice;

    @Test
    void aTrustedCallerGetsARecordedRoleSession() {
        IamRole role = fixtures.role(DEV, "Reader", DEV);
        RoleAssumption.AssumedRole assumed = handler.handle(alice, request(role.arn(), ""), "10.0.0.1");
        assertThat(assumed.assumedRoleArn()).isEqualTo("arn:aws:sts::" + DEV + ":assumed-role/Reader/s1");
        assertThat(fixtures.sessions.recorded).containsExactly(assumed.claims());
    }

    @Test
    void aMissingRoleIsRefusedExactlyLikeOneThatDoesNotTrustTheCaller() {
        IamRole untrusting = fixtures.role(DEV, "Other", "arn:aws:iam::" + DEV + ":user/bob");
        String missing = "arn:aws:iam::" + DEV + ":role/Missing";
        assertRefused(() -> handler.handle(alice, request(untrusting.arn(), ""), null), StsErrorCode.ACCESS_DENIED,
                "User: arn:aws:iam::" + DEV + ":user/alice is not authorized to perform: sts:AssumeRole on resource: "
                        + untrusting.arn());
        assertRefused(() -> handler.handle(alice, request(missing, ""), null), StsErrorCode.ACCESS_DENIED,
                "User: arn:aws:iam::" + DEV + ":user/alice is not authorized to perform: sts:AssumeRole on resource: "
                        + missing);
        assertThat(fixtures.sessions.recorded).isEmpty();
    }

    @Test
    void refusalsThatNeedNoRoleComeBeforeTheLookup() {
        // A chained session asking for more than an hour: refused the same whether the role exists or not.
        IamRole role = fixtures.role(DEV, "Reader", DEV);
        RoleAssumption.AssumedRole first = handler.handle(alice, request(role.arn(), ""), null);
        AuthenticatedCaller session = new AuthenticatedCaller(first.claims().identity(), first.credentials().accessKeyId(),
                java.util.Optional.of(first.claims()));
        String tooLong = "&DurationSeconds=7200";
        assertRefused(() -> handler.handle(session, request(role.arn(), tooLong), null), StsErrorCode.VALIDATION_ERROR,
                RoleAssumption.EXCEEDS_CHAINING_LIMIT);
        assertRefused(() -> handler.handle(session, request("arn:aws:iam::" + DEV + ":role/Missing", tooLong), null),
                StsErrorCode.VALIDATION_ERROR, RoleAssumption.EXCEEDS_CHAINING_LIMIT);
    }

    @Test
    void anMfaCodeIsSpentOnlyWhenTheRoleIsAssumed() {
        fixtures.iam.createMfaDevice(new VirtualMfaDevice(DEV, SERIAL, SEED, "alice", NOW, NOW));
        String mfa = "&SerialNumber=" + enc(SERIAL) + "&TokenCode=" + new Totp().codeAt(SEED, NOW);
        IamRole untrusting = fixtures.role(DEV, "Other", "arn:aws:iam::" + DEV + ":user/bob");
        IamRole trusting = fixtures.role(DEV, "Reader", DEV);

        assertRefused(() -> handler.handle(alice, request(untrusting.arn(), mfa), null), StsErrorCode.ACCESS_DENIED,
                "is not authorized to perform: sts:AssumeRole on resource: " + untrusting.arn());
        RoleAssumption.AssumedRole assumed = handler.handle(alice, request(trusting.arn(), mfa), null);
        assertThat(assumed.claims().mfaAuthenticated()).isTrue();
        assertRefused(() -> handler.handle(alice, request(trusting.arn(), mfa), null), StsErrorCode.ACCESS_DENIED,
                MfaVerification.FAILED);
        assertThat(fixtures.sessions.recorded).containsExactly(assumed.claims());
    }

    @Test
    void sessionPolicyArnsMustBeOfTheRolesAccountOrAwsManaged() {
        IamRole role = fixtures.role(DEV, "Reader", DEV);
        // Positive controls, made the same way: the account's own policy, and an AWS managed one.
        assertThat(handler.handle(alice, request(role.arn(), policyArns(DEV_POLICY)), null).claims().context()
                .orElseThrow().policyArns()).containsExactly(DEV_POLICY);
        assertThat(handler.handle(alice, request(role.arn(), policyArns(AWS_MANAGED)), null).claims().context()
                .orElseThrow().policyArns()).containsExactly(AWS_MANAGED);
        // Another account's policy, existing, is answered exactly as a missing one.
        assertRefused(() -> handler.handle(alice, request(role.arn(), policyArns(PROD_POLICY)), null),
                StsErrorCode.VALIDATION_ERROR, "Policy " + PROD_POLICY + " does not exist or is not attachable.");
        String missing = "arn:aws:iam::" + DEV + ":policy/Missing";
        assertRefused(() -> handler.handle(alice, request(role.arn(), policyArns(missing)), null),
                StsErrorCode.VALIDATION_ERROR, "Policy " + missing + " does not exist or is not attachable.");
        assertThat(fixtures.sessions.recorded).hasSize(2);
    }

    @Test
    void forACrossAccountRoleTheSessionPoliciesAreTheRoleAccounts() {
        IamRole prodRole = fixtures.role(PROD, "Deployer", "arn:aws:iam::" + DEV + ":user/alice");
        assertThat(handler.handle(alice, request(prodRole.arn(), policyArns(PROD_POLICY)), null).assumedRoleArn())
                .startsWith("arn:aws:sts::" + PROD + ":");
        assertRefused(() -> handler.handle(alice, request(prodRole.arn(), policyArns(DEV_POLICY)), null),
                StsErrorCode.VALIDATION_ERROR, "Policy " + DEV_POLICY + " does not exist or is not attachable.");
    }

    @Test
    void anUntrustedCallerLearnsNothingAboutTheRoleAccountsPolicies() {
        IamRole prodRole = fixtures.role(PROD, "Private", "arn:aws:iam::" + PROD + ":root");
        String missing = "arn:aws:iam::" + PROD + ":policy/Missing";
        String expected = "is not authorized to perform: sts:AssumeRole on resource: " + prodRole.arn();
        assertRefused(() -> handler.handle(alice, request(prodRole.arn(), policyArns(PROD_POLICY)), null),
                StsErrorCode.ACCESS_DENIED, expected);
        assertRefused(() -> handler.handle(alice, request(prodRole.arn(), policyArns(missing)), null),
                StsErrorCode.ACCESS_DENIED, expected);
    }

    private static AssumeRoleRequest request(String roleArn, String more) {
        return AssumeRoleRequest.from(QueryParameters.parse("Action=AssumeRole&Version=2011-06-15&RoleArn=" + enc(roleArn)
                + "&RoleSessionName=s1" + more));
    }

    private static String policyArns(String... arns) {
        StringBuilder form = new StringBuilder();
        List<String> list = List.of(arns);
        for (int i = 0; i < list.size(); i++) {
            form.append("&PolicyArns.member.").append(i + 1).append(".arn=").append(enc(list.get(i)));
        }
        return form.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void assertRefused(Runnable call, StsErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }
}

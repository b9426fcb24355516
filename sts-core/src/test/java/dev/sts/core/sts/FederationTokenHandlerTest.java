package dev.sts.core.sts;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.CallerAuthorization;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.iam.IamUser;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.protocol.QueryParameters;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sts.core.sts.AssumeRoleHandlerTest.assertRefused;
import static dev.sts.core.sts.StsHandlerFixtures.AWS_MANAGED;
import static dev.sts.core.sts.StsHandlerFixtures.CLOCK;
import static dev.sts.core.sts.StsHandlerFixtures.DEV;
import static dev.sts.core.sts.StsHandlerFixtures.DEV_POLICY;
import static dev.sts.core.sts.StsHandlerFixtures.PROD_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/** GetFederationToken's one orchestration, over real IAM state and the real policy engine. */
class FederationTokenHandlerTest {
    private final StsHandlerFixtures fixtures = new StsHandlerFixtures();
    private final FederationTokenHandler handler = new FederationTokenHandler(fixtures.issuer,
            new CallerAuthorization(fixtures.principals, new DefaultPolicyEvaluator(), CLOCK), fixtures.iam,
            fixtures.sessions);

    @Test
    void sessionPolicyArnsMustBeOfTheCallersAccountOrAwsManaged() {
        // Positive controls, made the same way: the account's own policy, and an AWS managed one.
        FederationTokens.Federated own = handler.handle(fixtures.alice, request("bob", DEV_POLICY), null);
        assertThat(own.arn()).isEqualTo("arn:aws:sts::" + DEV + ":federated-user/bob");
        assertThat(own.claims().context().orElseThrow().policyArns()).containsExactly(DEV_POLICY);
        assertThat(handler.handle(fixtures.alice, request("bob", AWS_MANAGED), null).claims().context().orElseThrow()
                .policyArns()).containsExactly(AWS_MANAGED);
        // Another account's policy, existing, is answered exactly as a missing one.
        assertRefused(() -> handler.handle(fixtures.alice, request("bob", PROD_POLICY), null),
                StsErrorCode.VALIDATION_ERROR, "Policy " + PROD_POLICY + " does not exist or is not attachable.");
        String missing = "arn:aws:iam::" + DEV + ":policy/Missing";
        assertRefused(() -> handler.handle(fixtures.alice, request("bob", missing), null),
                StsErrorCode.VALIDATION_ERROR, "Policy " + missing + " does not exist or is not attachable.");
        assertThat(fixtures.sessions.recorded).hasSize(2);
    }

    @Test
    void sessionCredentialsCannotFederate() {
        FederationTokens.Federated issued = handler.handle(fixtures.alice, request("bob", DEV_POLICY), null);
        AuthenticatedCaller federated = new AuthenticatedCaller(issued.claims().identity(),
                issued.credentials().accessKeyId(), Optional.of(issued.claims()));
        assertRefused(() -> handler.handle(federated, request("carol", DEV_POLICY), null), StsErrorCode.ACCESS_DENIED,
                "Cannot call GetFederationToken with session credentials");
        assertThat(fixtures.sessions.recorded).hasSize(1);
    }

    @Test
    void sessionTagsAreJudgedAsRequestTagsAndNeedTagSession() {
        // Carol may federate, and tag sessions, only with the tag key "team".
        AuthenticatedCaller carol = user("carol", "AIDACAROL000000000001", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:GetFederationToken","sts:TagSession"],
                 "Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}]}""");
        assertThat(handler.handle(carol, tagged("bob", "team", "blue"), null).claims().context().orElseThrow().tags())
                .as("positive control: the allowed tag key").hasSize(1);
        assertRefused(() -> handler.handle(carol, tagged("bob", "access", "admin"), null), StsErrorCode.ACCESS_DENIED,
                "sts:GetFederationToken");
        // Dave may federate but not tag sessions: without tags he may, with tags he may not.
        AuthenticatedCaller dave = user("dave", "AIDADAVE0000000000001", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:GetFederationToken","Resource":"*"}]}""");
        assertThat(handler.handle(dave, request("bob", DEV_POLICY), null).arn()).endsWith("federated-user/bob");
        assertRefused(() -> handler.handle(dave, tagged("bob", "team", "blue"), null), StsErrorCode.ACCESS_DENIED,
                "sts:TagSession");
    }

    private AuthenticatedCaller user(String name, String userId, String policy) {
        fixtures.iam.createUser(new IamUser(DEV, name, "/", userId, StsHandlerFixtures.NOW,
                List.of(), Map.of("Federate", policy), List.of(), null));
        return new AuthenticatedCaller(CallerIdentity.user(DEV, "/", name, userId),
                "AKIA" + userId.substring(5), Optional.empty());
    }

    private static FederationTokenRequest tagged(String name, String key, String value) {
        return FederationTokenRequest.from(QueryParameters.parse("Action=GetFederationToken&Version=2011-06-15&Name="
                + name + "&PolicyArns.member.1.arn=" + URLEncoder.encode(DEV_POLICY, StandardCharsets.UTF_8)
                + "&Tags.member.1.Key=" + key + "&Tags.member.1.Value=" + value));
    }

    private static FederationTokenRequest request(String name, String policyArn) {
        return FederationTokenRequest.from(QueryParameters.parse("Action=GetFederationToken&Version=2011-06-15&Name="
                + name + "&PolicyArns.member.1.arn=" + URLEncoder.encode(policyArn, StandardCharsets.UTF_8)));
    }
}

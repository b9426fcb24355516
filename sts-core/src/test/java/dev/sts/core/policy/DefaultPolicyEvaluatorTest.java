package dev.sts.core.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultPolicyEvaluatorTest {
    private static final String ACCOUNT = "111122223333";
    private final PolicyEvaluator evaluator = new DefaultPolicyEvaluator();

    private static NamedPolicy identity(String json) {
        return new NamedPolicy("test-policy", PolicyType.IDENTITY, PolicyParser.parse(json, PolicyKind.IDENTITY));
    }

    private static RequestContext.Builder request() {
        return RequestContext.builder().action("s3:GetObject").resource("arn:aws:s3:::bucket/key")
                .principal(RequestPrincipal.user(ACCOUNT, "arn:aws:iam::111122223333:user/Alice", "AIDAEXAMPLE"));
    }

    @Test
    void reportsTheDecidingStatementWithItsPolicySidAndIndex() {
        NamedPolicy policy = identity("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}");
        Decision decision = evaluator.evaluate(PolicySet.ofIdentity(List.of(policy)), request().build());
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.outcome().wireName()).isEqualTo("allowed");
        assertThat(decision.decidingStatements()).containsExactly(
                new DecidingStatement("test-policy", PolicyType.IDENTITY, Optional.of("Read"), 1, Effect.ALLOW));
    }

    @Test
    void outcomesUseTheSimulatorsNames() {
        assertThat(Decision.Outcome.EXPLICIT_DENY.wireName()).isEqualTo("explicitDeny");
        assertThat(Decision.Outcome.IMPLICIT_DENY.wireName()).isEqualTo("implicitDeny");
        assertThat(Decision.Outcome.byWireName("allowed")).isEqualTo(Decision.Outcome.ALLOWED);
    }

    @Test
    void failsClosedAndSaysWhyWhenAValueCannotBeEvaluated() {
        NamedPolicy policy = identity("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Window\",\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*\",\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01\"}}}]}");
        Decision decision = evaluator.evaluate(PolicySet.ofIdentity(List.of(policy)),
                request().resource("arn:aws:s3:::bucket/blue/key").conditionKey("aws:CurrentTime", "soon").build());
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
        assertThat(decision.errors()).containsExactly(
                "test-policy Statement[0] (Window) (Allow, failed closed): Resource: policy variable ${aws:PrincipalTag/team} has no value",
                "test-policy Statement[0] (Window) (Allow, failed closed): DateLessThan on aws:CurrentTime: request value 'soon' is not a date");
        assertThat(decision.missingContextKeys()).containsExactly("aws:PrincipalTag/team");
    }

    @Test
    void listsMissingKeysOnceAsThePolicySpellsThem() {
        NamedPolicy policy = identity("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/Team\":\"a\"},"
                + "\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"aws:principaltag/team\":\"a*\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"iam:PolicyARN\":\"*\"}}}]}");
        Decision decision = evaluator.evaluate(PolicySet.ofIdentity(List.of(policy)), request().build());
        assertThat(decision.missingContextKeys()).containsExactly("aws:PrincipalTag/Team", "aws:MultiFactorAuthPresent");
    }

    @Test
    void neverThrowsForHostileRequestValues() {
        NamedPolicy policy = identity("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"},\"NumericLessThan\":{\"s3:max-keys\":\"5\"},"
                + "\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:*:*:*:*\"},\"BinaryEquals\":{\"aws:b\":\"QQ==\"}}}]}");
        String[] hostile = {"", "\u0000", "9".repeat(10_000), "::::::", "1e999999999", "%%%", "\uD800", "a".repeat(100_000)};
        for (String value : hostile) {
            Decision decision = evaluator.evaluate(PolicySet.ofIdentity(List.of(policy)), request()
                    .action(value).resource(value).conditionKey("aws:SourceIp", value).conditionKey("s3:max-keys", value)
                    .conditionKey("aws:SourceArn", value).conditionKey("aws:b", value).build());
            assertThat(decision.errors()).noneMatch(e -> e.startsWith("evaluation failed"));
        }
    }

    @Test
    void evaluatingDoesNotChangeTheParsedPolicies() {
        NamedPolicy policy = identity("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                + "\"Resource\":\"arn:aws:s3:::bucket/${aws:username}/*\"}]}");
        PolicySet set = PolicySet.ofIdentity(List.of(policy));
        RequestPrincipal bob = RequestPrincipal.user(ACCOUNT, "arn:aws:iam::111122223333:user/Bob", "AIDABOB");
        assertThat(evaluator.evaluate(set, request().resource("arn:aws:s3:::bucket/Alice/x").build()).allowed()).isTrue();
        assertThat(evaluator.evaluate(set, request().principal(bob).resource("arn:aws:s3:::bucket/Alice/x").build()).allowed()).isFalse();
        assertThat(evaluator.evaluate(set, request().resource("arn:aws:s3:::bucket/Alice/x").build()).allowed()).isTrue();
    }

    @Test
    void policySetRefusesAPolicyInTheWrongSlot() {
        NamedPolicy policy = identity("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
        assertThatThrownBy(() -> new PolicySet(List.of(), Optional.of(policy), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PERMISSIONS_BOUNDARY");
    }
}

package dev.sts.core.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TrustEvaluatorTest {
    private static final String ROLE = "arn:aws:iam::444455556666:role/Partner";
    private final TrustEvaluator trust = new TrustEvaluator(new DefaultPolicyEvaluator());

    @Test
    void takesTheRoleAsTheResourceAndItsAccountAsTheResourceAccount() {
        PolicyDocument trustPolicy = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Partner\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}]}", PolicyKind.TRUST);
        NamedPolicy identity = new NamedPolicy("alice", PolicyType.IDENTITY, PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Sid\":\"Assume\",\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + ROLE + "\"}]}"));
        RequestContext request = RequestContext.builder().action("sts:AssumeRole").resource("ignored")
                .principal(RequestPrincipal.user("111122223333", "arn:aws:iam::111122223333:user/Alice", "AIDA")).build();

        Decision withIdentity = trust.evaluate(trustPolicy, ROLE, List.of(identity), Optional.empty(), Optional.empty(), request);
        assertThat(withIdentity.allowed()).isTrue();
        assertThat(withIdentity.decidingStatements()).extracting(DecidingStatement::policyName).containsExactly("alice", ROLE);

        Decision withoutIdentity = trust.evaluate(trustPolicy, ROLE, List.of(), Optional.empty(), Optional.empty(), request);
        assertThat(withoutIdentity.outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }

    @Test
    void aRequestAlreadyOnTheRoleIsDecidedAsOneThatIsNot() {
        PolicyDocument trustPolicy = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\","
                + "\"Condition\":{\"StringEquals\":{\"aws:ResourceAccount\":\"444455556666\"}}}]}", PolicyKind.TRUST);
        NamedPolicy identity = new NamedPolicy("alice", PolicyType.IDENTITY, PolicyParser.parse("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + ROLE + "\"}]}"));
        RequestContext.Builder alice = RequestContext.builder().action("sts:AssumeRole")
                .principal(RequestPrincipal.user("111122223333", "arn:aws:iam::111122223333:user/Alice", "AIDA"));
        RequestContext elsewhere = alice.resource("ignored").build();
        RequestContext onTheRole = alice.resource(ROLE).resourceAccount(Optional.of("444455556666")).build();
        RequestContext onTheRoleInAnotherAccount = alice.resourceAccount(Optional.of("777788889999")).build();

        Decision expected = trust.evaluate(trustPolicy, ROLE, List.of(identity), Optional.empty(), Optional.empty(), elsewhere);
        assertThat(expected.allowed()).isTrue();
        assertThat(trust.evaluate(trustPolicy, ROLE, List.of(identity), Optional.empty(), Optional.empty(), onTheRole))
                .isEqualTo(expected);
        assertThat(trust.evaluate(trustPolicy, ROLE, List.of(identity), Optional.empty(), Optional.empty(),
                onTheRoleInAnotherAccount).allowed()).as("a resource account given is kept, as before").isFalse();
    }

    @Test
    void aStoredTrustPolicyWithAnAllowNotPrincipalNeverGrantsWhileTheSameGrantWithPrincipalDoes() {
        // Parsed as a resource policy, as a document stored before the parser refused NotPrincipal in trust policies would be.
        String statement = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"%s\":{\"AWS\":\"arn:aws:iam::111122223333:user/Mallory\"},\"Action\":\"sts:AssumeRole\"}]}";
        PolicyDocument withNotPrincipal = PolicyParser.parse(String.format(statement, "NotPrincipal"), PolicyKind.RESOURCE);
        PolicyDocument withPrincipal = PolicyParser.parse(String.format(statement, "Principal")
                .replace("user/Mallory", "user/Alice"), PolicyKind.RESOURCE);
        RequestContext alice = RequestContext.builder().action("sts:AssumeRole").resource(ROLE)
                .principal(RequestPrincipal.user("111122223333", "arn:aws:iam::111122223333:user/Alice", "AIDA")).build();
        NamedPolicy identity = new NamedPolicy("alice", PolicyType.IDENTITY, PolicyParser.parse("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"" + ROLE + "\"}]}"));

        assertThat(trust.evaluate(withPrincipal, ROLE, List.of(identity), Optional.empty(), Optional.empty(), alice).allowed())
                .as("positive control: the same grant naming Alice").isTrue();
        Decision decision = trust.evaluate(withNotPrincipal, ROLE, List.of(identity), Optional.empty(), Optional.empty(), alice);
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.IMPLICIT_DENY);
    }
}

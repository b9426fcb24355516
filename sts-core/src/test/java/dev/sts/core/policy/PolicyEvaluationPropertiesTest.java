package dev.sts.core.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the evaluator, over every conformance case and over seeded random policy sets:
 * an applying Deny always wins, adding a policy never lifts an explicit deny, and evaluation is
 * deterministic and never fails.
 */
class PolicyEvaluationPropertiesTest {
    private static final int RANDOM_CASES = 3_000;

    private final PolicyEvaluator evaluator = new DefaultPolicyEvaluator();
    private final TrustEvaluator trustEvaluator = new TrustEvaluator(evaluator);
    private final PolicyConformanceTest conformance = new PolicyConformanceTest();

    private static NamedPolicy denyExactly(RequestContext request) {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"InjectedDeny\",\"Effect\":\"Deny\",\"Action\":\""
                + request.action() + "\",\"Resource\":\"*\"}]}";
        return new NamedPolicy("injected-deny", PolicyType.IDENTITY, PolicyParser.parse(json, PolicyKind.IDENTITY));
    }

    private static NamedPolicy allowEverything() {
        return new NamedPolicy("allow-everything", PolicyType.IDENTITY,
                PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
    }

    private static PolicySet withIdentity(PolicySet set, NamedPolicy extra) {
        List<NamedPolicy> identity = new ArrayList<>(set.identityPolicies());
        identity.add(extra);
        return new PolicySet(identity, set.permissionsBoundary(), set.sessionPolicies(), set.resourcePolicy());
    }

    private Decision decide(ConformanceCase c, Optional<NamedPolicy> extraIdentity) {
        RequestContext request = c.requestContext();
        List<NamedPolicy> identity = new ArrayList<>(c.identityPolicies());
        extraIdentity.ifPresent(identity::add);
        if (c.isTrustCase()) {
            return trustEvaluator.evaluate(c.trustPolicy(), request.resource(), identity, c.boundary(), c.sessionPolicies(), request);
        }
        return evaluator.evaluate(new PolicySet(identity, c.boundary(), c.sessionPolicies(), c.resourcePolicy()), request);
    }

    @Test
    void anApplyingDenyAlwaysWinsInEveryConformanceCase() {
        int checked = 0;
        for (ConformanceCase c : PolicyConformanceTest.allCases()) {
            Decision decision = decide(c, Optional.of(denyExactly(c.requestContext())));
            assertThat(decision.outcome()).as(c.name()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
            assertThat(decision.decidingStatements()).as(c.name()).anyMatch(s -> s.sid().equals(Optional.of("InjectedDeny")));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(150);
    }

    @Test
    void addingAPolicyNeverLiftsAnExplicitDenyInAnyConformanceCase() {
        for (ConformanceCase c : PolicyConformanceTest.allCases()) {
            if (c.expect() == Decision.Outcome.EXPLICIT_DENY) {
                assertThat(decide(c, Optional.of(allowEverything())).outcome()).as(c.name()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
            }
        }
    }

    @Test
    void conformanceDecisionsAreDeterministic() {
        for (ConformanceCase c : PolicyConformanceTest.allCases()) {
            assertThat(conformance.decide(c)).as(c.name()).isEqualTo(conformance.decide(c));
        }
    }

    @Test
    void randomPolicySetsKeepTheInvariants() {
        RandomPolicies random = new RandomPolicies(0x5EED_2026L);
        int allowed = 0;
        int denied = 0;
        for (int i = 0; i < RANDOM_CASES; i++) {
            PolicySet policies = random.policySet();
            RequestContext request = random.request();
            Decision decision = evaluator.evaluate(policies, request);
            assertThat(decision.errors()).noneMatch(e -> e.startsWith("evaluation failed"));
            assertThat(evaluator.evaluate(policies, request)).isEqualTo(decision);
            assertThat(new DefaultPolicyEvaluator().evaluate(policies, request)).isEqualTo(decision);

            Decision withDeny = evaluator.evaluate(withIdentity(policies, denyExactly(request)), request);
            assertThat(withDeny.outcome()).as("case %d: %s", i, request).isEqualTo(Decision.Outcome.EXPLICIT_DENY);

            NamedPolicy unrelated = random.policy("unrelated", PolicyType.IDENTITY, PolicyKind.IDENTITY, false);
            if (decision.outcome() == Decision.Outcome.EXPLICIT_DENY) {
                denied++;
                assertThat(evaluator.evaluate(withIdentity(policies, unrelated), request).outcome()).isEqualTo(Decision.Outcome.EXPLICIT_DENY);
                assertThat(evaluator.evaluate(withIdentity(policies, allowEverything()), request).outcome())
                        .isEqualTo(Decision.Outcome.EXPLICIT_DENY);
            }
            if (decision.allowed()) {
                allowed++;
                assertThat(decision.decidingStatements()).allMatch(s -> s.effect() == Effect.ALLOW);
            }
        }
        // the generator must exercise both sides for the properties to mean something
        assertThat(allowed).isGreaterThan(RANDOM_CASES / 20);
        assertThat(denied).isGreaterThan(RANDOM_CASES / 20);
    }
}

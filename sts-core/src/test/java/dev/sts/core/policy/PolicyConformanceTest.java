package dev.sts.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite: every case of every theme file under {@code policy-conformance/}, run through the
 * evaluator (or the trust evaluator for cases with a trust policy), displayed by its name.
 */
class PolicyConformanceTest {
    static final List<String> THEMES = List.of("operators-string", "operators-numeric", "operators-date", "bool-null-binary",
            "ip", "arn", "set-qualifiers", "ifexists", "variables", "not-action-not-resource", "principals-not-principal",
            "boundaries", "session-policies", "cross-account", "trust-policies", "explicit-deny", "wildcards", "versions");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyEvaluator evaluator = new DefaultPolicyEvaluator();
    private final TrustEvaluator trustEvaluator = new TrustEvaluator(evaluator);

    static List<ConformanceCase> allCases() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (String theme : THEMES) {
            String file = "/policy-conformance/" + theme + ".json";
            try (InputStream in = PolicyConformanceTest.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + file);
                }
                JsonNode root = JSON.readTree(in);
                root.path("cases").forEach(node -> cases.add(ConformanceCase.read(theme, node)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        return cases;
    }

    static Stream<Arguments> cases() {
        return allCases().stream().map(c -> Arguments.of(Named.of(c.name(), c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void conforms(ConformanceCase c) {
        Decision decision = decide(c);
        String context = c.file() + ": " + c.name() + " -> " + decision;
        assertThat(decision.outcome()).as(context).isEqualTo(c.expect());
        c.decidingSids().ifPresent(sids -> assertThat(decision.decidingStatements().stream()
                .map(s -> s.sid().orElse(s.policyName() + "#" + s.statementIndex())).toList())
                .as(context).containsExactlyInAnyOrderElementsOf(sids));
        c.missingContextKeys().ifPresent(keys -> assertThat(decision.missingContextKeys()).as(context)
                .containsExactlyInAnyOrderElementsOf(keys));
        c.errors().ifPresent(expected -> assertThat(decision.errors().isEmpty()).as(context).isEqualTo(!expected));
    }

    Decision decide(ConformanceCase c) {
        RequestContext request = c.requestContext();
        if (c.isTrustCase()) {
            return trustEvaluator.evaluate(c.trustPolicy(), request.resource(), c.identityPolicies(), c.boundary(),
                    c.sessionPolicies(), request);
        }
        return evaluator.evaluate(c.policySet(), request);
    }

    @Test
    void everyThemeHasCasesAndNamesAreUnique() {
        List<ConformanceCase> cases = allCases();
        Set<String> names = new HashSet<>();
        for (ConformanceCase c : cases) {
            assertThat(names.add(c.name())).as("duplicate case name " + c.name()).isTrue();
            assertThat(c.name()).matches("[a-z][A-Za-z0-9]+");
        }
        for (String theme : THEMES) {
            assertThat(cases.stream().filter(c -> c.file().equals(theme)).count()).as(theme).isGreaterThanOrEqualTo(5);
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(150);
    }

    static Optional<ConformanceCase> byName(String name) {
        return allCases().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}

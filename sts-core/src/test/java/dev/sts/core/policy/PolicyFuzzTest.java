package dev.sts.core.policy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the policy parser and evaluator with Jazzer. {@code mvn test} runs it in its own
 * surefire execution with {@code JAZZER_FUZZ=1} for a bounded time (see sts-core/pom.xml), working in
 * {@code target/policy-fuzz}; without {@code JAZZER_FUZZ} it only replays its inputs. Skip it with
 * {@code -Dpolicy.fuzz.skip=true}. The oracle is {@link PolicyFuzzing}'s.
 */
class PolicyFuzzTest {
    @FuzzTest(maxDuration = "8s")
    void parserAndEvaluatorSurviveAnyInput(FuzzedDataProvider data) {
        PolicyFuzzing.runOne(FuzzChoices.of(data));
    }
}

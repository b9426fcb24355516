package dev.sts.core.policy;

import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * A seeded, fixed-budget pass of the fuzz harness ({@link PolicyFuzzing}) that runs with the ordinary unit
 * tests, so that the parser and evaluator oracle holds even when the Jazzer run is skipped.
 */
class PolicyMutationTest {
    private static final int CASES = 20_000;

    @Test
    void parserAndEvaluatorSurviveSeededMutations() {
        Random random = new Random(0xF022L);
        FuzzChoices choices = FuzzChoices.of(random);
        for (int i = 0; i < CASES; i++) {
            PolicyFuzzing.runOne(choices);
        }
    }
}

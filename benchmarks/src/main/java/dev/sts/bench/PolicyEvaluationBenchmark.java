package dev.sts.bench;

import dev.sts.core.policy.Decision;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.NamedPolicy;
import dev.sts.core.policy.PolicyEvaluator;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicyParser;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.PolicyType;
import dev.sts.core.policy.RequestContext;
import dev.sts.core.policy.RequestPrincipal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The policy evaluator on pre-parsed policies, as every authorization decision runs it.
 * <ul>
 *   <li>{@code typicalRoleDecision}: a role with 3 policies of 10 statements each, every statement with
 *       conditions (tag equality, source IP range, time window); the request is allowed by the last
 *       statement of the last policy, so every statement is looked at.</li>
 *   <li>{@code scaling}: one policy of N such statements, all naming the action but each its own bucket, so
 *       only the last one's resource matches: the cost per statement, to check that it grows linearly at worst.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PolicyEvaluationBenchmark {
    private static final PolicyEvaluator EVALUATOR = new DefaultPolicyEvaluator();

    @State(Scope.Benchmark)
    public static class TypicalRole {
        PolicySet policies;
        RequestContext request;

        @Setup
        public void setUp() {
            List<NamedPolicy> identity = new ArrayList<>();
            for (int policy = 0; policy < 3; policy++) {
                identity.add(named("role/Reports/inline/P" + policy, statements(policy * 10, 10)));
            }
            policies = PolicySet.ofIdentity(identity);
            request = request("s3:GetObject", "arn:aws:s3:::bucket-29/reports/2026/q4.csv");
        }
    }

    @State(Scope.Benchmark)
    public static class Scaling {
        /** At most about 330: each statement is ~390 characters and PolicyParser refuses documents over 131,072. */
        @Param({"10", "100", "300"})
        int statements;
        PolicySet policies;
        RequestContext request;

        @Setup
        public void setUp() {
            policies = PolicySet.ofIdentity(List.of(named("scaling", statements(0, statements))));
            request = request("s3:GetObject", "arn:aws:s3:::bucket-" + (statements - 1) + "/reports/2026/q4.csv");
        }
    }

    @Benchmark
    public Decision typicalRoleDecision(TypicalRole state) {
        return EVALUATOR.evaluate(state.policies, state.request);
    }

    @Benchmark
    public Decision scaling(Scaling state) {
        return EVALUATOR.evaluate(state.policies, state.request);
    }

    /** Statements numbered from {@code first}: each grants on its own bucket, under three conditions. */
    private static String statements(int first, int count) {
        StringBuilder json = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int i = first; i < first + count; i++) {
            if (i > first) {
                json.append(',');
            }
            json.append("{\"Sid\":\"S").append(i).append("\",\"Effect\":\"Allow\",")
                    .append("\"Action\":[\"s3:GetObject\",\"s3:ListBucket\",\"s3:Get*Tagging\"],")
                    .append("\"Resource\":[\"arn:aws:s3:::bucket-").append(i).append("/${aws:PrincipalTag/team}/*\",")
                    .append("\"arn:aws:s3:::bucket-").append(i).append("/reports/*\"],")
                    .append("\"Condition\":{")
                    .append("\"StringEquals\":{\"aws:PrincipalTag/team\":[\"reports\",\"finance\"]},")
                    .append("\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.168.0.0/16\"]},")
                    .append("\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}}");
        }
        return json.append("]}").toString();
    }

    private static NamedPolicy named(String name, String json) {
        return new NamedPolicy(name, PolicyType.IDENTITY, PolicyParser.parse(json, PolicyKind.IDENTITY));
    }

    private static RequestContext request(String action, String resource) {
        return RequestContext.builder()
                .action(action)
                .resource(resource)
                .principal(RequestPrincipal.roleSession("111111111111",
                        "arn:aws:sts::111111111111:assumed-role/Reports/alice", "AROAEXAMPLEROLEID0001:alice",
                        "arn:aws:iam::111111111111:role/Reports"))
                .conditionKey("aws:PrincipalTag/team", "reports")
                .conditionKey("aws:SourceIp", "10.1.2.3")
                .conditionKey("aws:CurrentTime", "2026-11-23T17:00:00Z")
                .build();
    }
}

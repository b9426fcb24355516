package dev.sts.bench;

import dev.sts.core.policy.match.WildcardPattern;
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

import java.util.concurrent.TimeUnit;

/**
 * Resource-pattern matching, typical and worst case: an everyday {@code arn:aws:s3:::bucket/*&#47;logs/*}
 * against an object ARN, and issue 9's attack, {@code *x*x…*y} (1,000 stars) against a 2,048-character ARN of
 * x's, the largest IAM accepts, which the old matcher answered in text × pattern steps.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WildcardMatchBenchmark {

    @State(Scope.Benchmark)
    public static class Inputs {
        @Param({"typical", "worstCase"})
        String shape;

        WildcardPattern pattern;
        String arn;

        @Setup
        public void setUp() {
            if (shape.equals("typical")) {
                pattern = WildcardPattern.ofResource("arn:aws:s3:::reports-bucket/*/logs/*");
                arn = "arn:aws:s3:::reports-bucket/2026/12/logs/app.log";
            } else {
                pattern = WildcardPattern.ofResource("arn:aws:s3:::" + "*x".repeat(1_000) + "*y");
                arn = "arn:aws:s3:::" + "x".repeat(2_048 - 13);
            }
            if (pattern.matches(arn) != shape.equals("typical")) {
                throw new IllegalStateException("the " + shape + " fixture does not decide as intended");
            }
        }
    }

    @Benchmark
    public boolean matchResource(Inputs in) {
        return in.pattern.matches(in.arn);
    }
}

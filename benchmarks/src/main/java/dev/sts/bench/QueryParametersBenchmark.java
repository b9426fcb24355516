package dev.sts.bench;

import dev.sts.core.protocol.QueryParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Strict decoding of a Query-protocol form body, the first thing done with every request: a typical AssumeRole
 * (five session tags and a 1 KB session policy, percent-encoded by the SDK) against GetSessionToken, which has
 * no escapes at all.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class QueryParametersBenchmark {

    @State(Scope.Benchmark)
    public static class Bodies {
        String assumeRole;
        String getSessionToken;

        @Setup
        public void setUp() {
            assumeRole = StsFixtures.assumeRoleBody();
            getSessionToken = StsFixtures.GET_SESSION_TOKEN;
            QueryParameters parsed = QueryParameters.parse(assumeRole);
            if (!parsed.required("Policy").equals(StsFixtures.SESSION_POLICY)
                    || !parsed.required("Tags.member.3.Value").equals("payments platform")
                    || parsed.asMap().size() != 16) {
                throw new IllegalStateException("the AssumeRole body does not decode to what was encoded");
            }
        }
    }

    @Benchmark
    public QueryParameters assumeRoleWithTagsAndPolicy(Bodies b) {
        return QueryParameters.parse(b.assumeRole);
    }

    @Benchmark
    public QueryParameters getSessionToken(Bodies b) {
        return QueryParameters.parse(b.getSessionToken);
    }
}

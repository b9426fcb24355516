package dev.sts.bench;

import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionTokenCodec;
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
 * The session-token codec: {@code seal} runs once per issued session (GetSessionToken, AssumeRole, ...),
 * {@code open} on every request signed with temporary credentials. One codec is shared, as in the service,
 * over a two-key ring mid-rotation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SessionTokenCodecBenchmark {

    @State(Scope.Benchmark)
    public static class Sessions {
        SessionTokenCodec codec;
        /** A GetSessionToken session of an IAM user: one hour, MFA, issued in us-east-1. */
        SessionClaims claims;
        String token;

        @Setup
        public void setUp() {
            codec = new SessionTokenCodec(StsFixtures.tokenKeyRing());
            claims = StsFixtures.issueSession(codec).claims();
            token = codec.seal(claims);
            if (!codec.open(token).equals(claims)) {
                throw new IllegalStateException("the codec does not give back what it sealed");
            }
        }
    }

    @Benchmark
    public String seal(Sessions s) {
        return s.codec.seal(s.claims);
    }

    @Benchmark
    public SessionClaims open(Sessions s) {
        return s.codec.open(s.token);
    }
}

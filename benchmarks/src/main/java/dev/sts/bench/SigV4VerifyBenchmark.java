package dev.sts.bench;

import dev.sts.core.sigv4.SigV4Parser;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sigv4.SignatureClaim;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.core.sts.TemporaryCredentials;
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
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parse and verify a SigV4-signed STS request, as token-service does for every call:
 * {@code SigV4Parser.parse(request)} then {@code SigV4Verifier.verify(request, claim, secret, "sts")}.
 * Each request is signed by the AWS SDK for Java v2's signer at a fixed instant and verified with a clock fixed
 * at that instant. The verifier is shared, as the service's is, and its signing-key cache is warm unless the
 * benchmark says otherwise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SigV4VerifyBenchmark {

    @State(Scope.Benchmark)
    public static class Requests {
        /** The service's verifier: default signing-key cache, warmed in setup. */
        SigV4Verifier verifier;
        /** Signing-key cache off: every verification derives the key again (four more HMACs). */
        SigV4Verifier verifierWithoutKeyCache;

        /** GetSessionToken, long-term key, Authorization header. */
        SignedRequest headerAuth;
        /** AssumeRole with five tags and a 1 KB policy (about 2 KB of body to hash), long-term key. */
        SignedRequest headerAuthAssumeRole;
        /** Presigned GetCallerIdentity (EKS-style identity proof): everything in the query string, 60 s expiry. */
        SignedRequest presigned;
        /** GetCallerIdentity signed with temporary credentials: X-Amz-Security-Token is a signed header. */
        SignedRequest sessionCredentials;
        String sessionSecret;

        @Setup
        public void setUp() {
            verifier = new SigV4Verifier(StsFixtures.CLOCK);
            verifierWithoutKeyCache = new SigV4Verifier(StsFixtures.CLOCK, false, 0);

            AwsCredentialsIdentity alice = AwsCredentialsIdentity.create(StsFixtures.ALICE_KEY.accessKeyId(),
                    StsFixtures.ALICE_KEY.secretAccessKey());
            headerAuth = SdkRequestSigner.formPost(alice, StsFixtures.GET_SESSION_TOKEN);
            headerAuthAssumeRole = SdkRequestSigner.formPost(alice, StsFixtures.assumeRoleBody());
            presigned = SdkRequestSigner.presignedGet(alice,
                    Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"),
                    Map.of("x-k8s-aws-id", "payments-prod-eks"), Duration.ofSeconds(60));

            TemporaryCredentials session = StsFixtures.issueSession(new SessionTokenCodec(StsFixtures.tokenKeyRing()))
                    .credentials();
            sessionSecret = session.secretAccessKey();
            sessionCredentials = SdkRequestSigner.formPost(AwsSessionCredentialsIdentity.create(session.accessKeyId(),
                    session.secretAccessKey(), session.sessionToken()), StsFixtures.GET_CALLER_IDENTITY);

            // Fails the run here, loudly, if a fixture does not verify; also warms the signing-key cache.
            String alicesSecret = StsFixtures.ALICE_KEY.secretAccessKey();
            parseAndVerify(verifier, headerAuth, alicesSecret);
            parseAndVerify(verifier, headerAuthAssumeRole, alicesSecret);
            parseAndVerify(verifier, presigned, alicesSecret);
            parseAndVerify(verifier, sessionCredentials, sessionSecret);
            if (!SigV4Parser.parse(sessionCredentials).securityToken().isPresent()
                    || !SigV4Parser.parse(presigned).presigned()) {
                throw new IllegalStateException("the session and presigned fixtures are not what they claim to be");
            }
        }
    }

    @Benchmark
    public SignatureClaim headerAuth(Requests r) {
        return parseAndVerify(r.verifier, r.headerAuth, StsFixtures.ALICE_KEY.secretAccessKey());
    }

    @Benchmark
    public SignatureClaim headerAuthWithoutKeyCache(Requests r) {
        return parseAndVerify(r.verifierWithoutKeyCache, r.headerAuth, StsFixtures.ALICE_KEY.secretAccessKey());
    }

    @Benchmark
    public SignatureClaim headerAuthAssumeRoleBody(Requests r) {
        return parseAndVerify(r.verifier, r.headerAuthAssumeRole, StsFixtures.ALICE_KEY.secretAccessKey());
    }

    @Benchmark
    public SignatureClaim presignedQueryAuth(Requests r) {
        return parseAndVerify(r.verifier, r.presigned, StsFixtures.ALICE_KEY.secretAccessKey());
    }

    @Benchmark
    public SignatureClaim sessionCredentials(Requests r) {
        return parseAndVerify(r.verifier, r.sessionCredentials, r.sessionSecret);
    }

    /** The parse alone, to split {@link #headerAuth} into reading the claim and checking it. */
    @Benchmark
    public SignatureClaim headerAuthParseOnly(Requests r) {
        return SigV4Parser.parse(r.headerAuth);
    }

    static SignatureClaim parseAndVerify(SigV4Verifier verifier, SignedRequest request, String secretAccessKey) {
        SignatureClaim claim = SigV4Parser.parse(request);
        verifier.verify(request, claim, secretAccessKey, StsFixtures.SERVICE);
        return claim;
    }
}

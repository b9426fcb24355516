package dev.sts.bench;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.auth.CachingSigningKeyDirectory;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.sigv4.SigV4Parser;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.core.sts.SessionIssuer;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Who signed this request: {@code SigV4Parser.parse} then {@code RequestAuthenticator.authenticate}, the first
 * two steps of {@code StsRequestProcessor}. Long-term keys come from an in-memory directory (no network: the
 * remote policy-service lookup is not measured here); temporary credentials are opened from their sealed token
 * with no lookup at all.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RequestAuthenticationBenchmark {

    @State(Scope.Benchmark)
    public static class Authenticators {
        /** Long-term keys from a map, each signing key derived on every call, as policy-service's own directory does. */
        RequestAuthenticator withInMemoryDirectory;
        /** The same map behind token-service's {@link CachingSigningKeyDirectory} (derived keys per scope), warm. */
        RequestAuthenticator withCachingDirectory;

        /** GetSessionToken signed with Alice's long-term key. */
        SignedRequest longTermRequest;
        /** GetCallerIdentity signed with temporary credentials issued to Alice. */
        SignedRequest temporaryRequest;

        @Setup
        public void setUp() {
            SigV4Verifier verifier = new SigV4Verifier(StsFixtures.CLOCK);
            SessionTokenCodec codec = new SessionTokenCodec(StsFixtures.tokenKeyRing());
            Map<String, LongTermCredential> keys = StsFixtures.longTermKeys();
            SigningKeyDirectory inMemory = SigningKeyDirectory.deriving(id -> Optional.ofNullable(keys.get(id)));
            // No revocations in force, as on a fresh platform: the check is three hash probes.
            RevocationList revocations = new RevocationList(StsFixtures.CLOCK);
            withInMemoryDirectory = new RequestAuthenticator(verifier, codec, inMemory, revocations, StsFixtures.CLOCK,
                    StsFixtures.SERVICE);
            withCachingDirectory = new RequestAuthenticator(verifier, codec,
                    new CachingSigningKeyDirectory(inMemory, StsFixtures.CLOCK, Duration.ofSeconds(60),
                            Duration.ofSeconds(5), 100_000),
                    revocations, StsFixtures.CLOCK, StsFixtures.SERVICE);

            longTermRequest = SdkRequestSigner.formPost(AwsCredentialsIdentity.create(
                    StsFixtures.ALICE_KEY.accessKeyId(), StsFixtures.ALICE_KEY.secretAccessKey()),
                    StsFixtures.GET_SESSION_TOKEN);
            SessionIssuer.IssuedSession session = StsFixtures.issueSession(codec);
            temporaryRequest = SdkRequestSigner.formPost(AwsSessionCredentialsIdentity.create(
                    session.credentials().accessKeyId(), session.credentials().secretAccessKey(),
                    session.credentials().sessionToken()), StsFixtures.GET_CALLER_IDENTITY);

            // Fails here if a fixture would not authenticate; also warms the key and credential caches.
            expect(authenticate(withInMemoryDirectory, longTermRequest), false);
            expect(authenticate(withCachingDirectory, longTermRequest), false);
            expect(authenticate(withInMemoryDirectory, temporaryRequest), true);
        }

        private static void expect(AuthenticatedCaller caller, boolean temporary) {
            if (!caller.identity().equals(StsFixtures.ALICE) || caller.usesTemporaryCredentials() != temporary) {
                throw new IllegalStateException("fixture authenticated as " + caller);
            }
        }
    }

    @Benchmark
    public AuthenticatedCaller longTermKey(Authenticators a) {
        return authenticate(a.withInMemoryDirectory, a.longTermRequest);
    }

    @Benchmark
    public AuthenticatedCaller longTermKeyThroughCachingDirectory(Authenticators a) {
        return authenticate(a.withCachingDirectory, a.longTermRequest);
    }

    @Benchmark
    public AuthenticatedCaller temporaryCredentials(Authenticators a) {
        return authenticate(a.withInMemoryDirectory, a.temporaryRequest);
    }

    static AuthenticatedCaller authenticate(RequestAuthenticator authenticator, SignedRequest request) {
        return authenticator.authenticate(request, SigV4Parser.parse(request));
    }
}

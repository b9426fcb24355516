package dev.sts.bench;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.PolicyDocumentCache;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.ManagedPolicy;
import dev.sts.core.iam.Tag;
import dev.sts.core.mfa.IamMfaCodeChecker;
import dev.sts.core.mfa.MfaVerification;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.TrustEvaluator;
import dev.sts.core.port.SessionStore;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.store.CachingKeyValueStore;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.core.store.InMemoryUsedCodeStore;
import dev.sts.core.sts.AssumeRoleHandler;
import dev.sts.core.sts.AssumeRoleRequest;
import dev.sts.core.sts.RoleAssumption;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * AssumeRole once the caller is authenticated, through the same {@link AssumeRoleHandler} token-service's
 * {@code AssumeRoleAction} runs: the refusals that come before the role lookup, the role, the caller's policies
 * and principal tags, {@code RoleAssumption}'s trust evaluation and sealing, and the session record.
 * IAM state is read as token-service reads it: an {@link IamRepository} over a warm {@link CachingKeyValueStore},
 * here in front of an in-memory store instead of Redis.
 * <ul>
 *   <li>{@code userAssumesRole}: IAM user alice (one inline policy, one attached customer managed policy, one
 *       tag) assumes a role of her account whose trust policy names the account, on condition of her tag, so her
 *       identity policies decide.</li>
 *   <li>{@code roleSessionAssumesRole}: a session of that role assumes a second role (role chaining): the caller's
 *       policies and tags are its role's.</li>
 * </ul>
 * Not measured: authentication, decoding the form body, MFA (no request here carries a code), and the session
 * store's write (token-service's Redis store writes off the request path; here records are dropped).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AssumeRoleDecisionBenchmark {
    private static final String ACCOUNT = "111111111111";
    private static final String DEPLOYER = "payments-deployer";
    private static final String READER = "artifact-reader";

    @State(Scope.Benchmark)
    public static class Platform {
        AssumeRoleHandler handler;

        AuthenticatedCaller alice;
        AssumeRoleRequest aliceRequest;
        AuthenticatedCaller deployerSession;
        AssumeRoleRequest chainedRequest;

        @Setup
        public void setUp() {
            InMemoryKeyValueStore store = new InMemoryKeyValueStore();
            seed(new IamRepository(store));
            // token-service's view: read-only, cached (its sizes), warmed by the checks below.
            IamRepository iam = new IamRepository(new CachingKeyValueStore(store, java.time.Duration.ofSeconds(5), 64L << 20));
            PolicyDocumentCache parsedPolicies = new PolicyDocumentCache(64L << 20);
            RoleAssumption assumption = new RoleAssumption(new TrustEvaluator(new DefaultPolicyEvaluator()),
                    parsedPolicies, new SessionTokenCodec(StsFixtures.tokenKeyRing()), StsFixtures.CLOCK,
                    StsFixtures.REGION);
            handler = new AssumeRoleHandler(iam, new PrincipalPolicies(iam, parsedPolicies),
                    new MfaVerification(new IamMfaCodeChecker(iam, StsFixtures.CLOCK), new InMemoryUsedCodeStore(),
                            StsFixtures.CLOCK), assumption,
                    DROPPED_RECORDS);

            alice = new AuthenticatedCaller(StsFixtures.ALICE, StsFixtures.ALICE_KEY.accessKeyId(), Optional.empty());
            aliceRequest = request(DEPLOYER, "ci-build-48213");
            // Both cases run once here: a refused fixture throws, so the benchmark never times a refusal.
            RoleAssumption.AssumedRole deployer = decide(this, alice, aliceRequest);
            deployerSession = new AuthenticatedCaller(deployer.claims().identity(), deployer.credentials().accessKeyId(),
                    Optional.of(deployer.claims()));
            chainedRequest = request(READER, "ci-build-48213-read");
            decide(this, deployerSession, chainedRequest);
        }
    }

    @Benchmark
    public RoleAssumption.AssumedRole userAssumesRole(Platform platform) {
        return decide(platform, platform.alice, platform.aliceRequest);
    }

    @Benchmark
    public RoleAssumption.AssumedRole roleSessionAssumesRole(Platform platform) {
        return decide(platform, platform.deployerSession, platform.chainedRequest);
    }

    /** What {@code AssumeRoleAction.handle} runs between decoding the parameters and writing the XML. */
    private static RoleAssumption.AssumedRole decide(Platform platform, AuthenticatedCaller caller,
                                                     AssumeRoleRequest request) {
        return platform.handler.handle(caller, request, "10.1.2.3");
    }

    /** A session store that keeps nothing: token-service's writes its records off the request path. */
    private static final SessionStore DROPPED_RECORDS = new SessionStore() {
        @Override
        public void record(SessionClaims session) {
        }

        @Override
        public Optional<Instant> expiryOf(String accessKeyId) {
            return Optional.empty();
        }
    };

    /** What policy-service would have written: alice, two roles, a customer managed policy. */
    private static void seed(IamRepository owner) {
        String built = "arn:aws:iam::" + ACCOUNT + ":policy/ci/BuildArtifactsRead";
        owner.createPolicy(new ManagedPolicy(ACCOUNT, "BuildArtifactsRead", "/ci/", "ANPABUILDARTIFACTS001",
                StsFixtures.SIGNED_AT.minus(Duration.ofDays(90)), StsFixtures.SIGNED_AT.minus(Duration.ofDays(90)),
                null, "v1", List.of(new ManagedPolicy.PolicyVersion("v1", """
                        {"Version":"2012-10-17","Statement":[
                          {"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],
                           "Resource":["arn:aws:s3:::payments-build-artifacts","arn:aws:s3:::payments-build-artifacts/*"]}]}""",
                        StsFixtures.SIGNED_AT.minus(Duration.ofDays(90))))));
        owner.createUser(new IamUser(ACCOUNT, "alice", "/engineering/", StsFixtures.ALICE.userId(),
                StsFixtures.SIGNED_AT.minus(Duration.ofDays(400)), List.of(new Tag("team", "payments")),
                Map.of("AssumeDeployRoles", """
                        {"Version":"2012-10-17","Statement":[
                          {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111111111111:role/deploy/*"},
                          {"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"""),
                List.of(built), null));
        String trustingTheAccount = """
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole",
                   "Condition":{"StringEquals":{"aws:PrincipalTag/team":"payments"}}}]}""";
        owner.createRole(new IamRole(ACCOUNT, DEPLOYER, "/deploy/", "AROAPAYMENTSDEPLOYER1",
                StsFixtures.SIGNED_AT.minus(Duration.ofDays(200)), trustingTheAccount, "Deploys payments-api",
                IamRole.DEFAULT_MAX_SESSION_DURATION, List.of(new Tag("team", "payments")),
                Map.of("ChainToReaders", """
                        {"Version":"2012-10-17","Statement":[
                          {"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111111111111:role/deploy/*"}]}"""),
                List.of(built), null));
        owner.createRole(new IamRole(ACCOUNT, READER, "/deploy/", "AROAARTIFACTREADER001",
                StsFixtures.SIGNED_AT.minus(Duration.ofDays(200)), trustingTheAccount, "Reads build artifacts",
                IamRole.DEFAULT_MAX_SESSION_DURATION, List.of(), Map.of(), List.of(built), null));
    }

    private static AssumeRoleRequest request(String roleName, String sessionName) {
        return AssumeRoleRequest.from(QueryParameters.parse("Action=AssumeRole&Version=2011-06-15&RoleArn="
                + "arn%3Aaws%3Aiam%3A%3A" + ACCOUNT + "%3Arole%2Fdeploy%2F" + roleName + "&RoleSessionName=" + sessionName));
    }
}

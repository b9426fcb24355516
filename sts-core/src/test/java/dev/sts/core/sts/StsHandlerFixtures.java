package dev.sts.core.sts;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.authz.PolicyDocumentCache;
import dev.sts.core.authz.PrincipalPolicies;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.ManagedPolicy;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.port.SessionStore;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Two accounts of real IAM state (an in-memory store behind the real repository) for the handler tests. */
final class StsHandlerFixtures {
    static final String DEV = "111111111111";
    static final String PROD = "222222222222";
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String READ_REPORTS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}""";
    static final String ALLOW_ALL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    static final String DEV_POLICY = "arn:aws:iam::" + DEV + ":policy/ReadReports";
    static final String PROD_POLICY = "arn:aws:iam::" + PROD + ":policy/ReadReports";
    static final String AWS_MANAGED = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

    final IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
    final PolicyDocumentCache parsedPolicies = new PolicyDocumentCache(1 << 20);
    final PrincipalPolicies principals = new PrincipalPolicies(iam, parsedPolicies);
    final SessionTokenCodec codec = new SessionTokenCodec(
            TokenKeyRing.parse("k1:" + Base64.getEncoder().encodeToString(new byte[32])));
    final SessionIssuer issuer = new SessionIssuer(codec, CLOCK, "us-east-1");
    final RecordingSessionStore sessions = new RecordingSessionStore();
    final AuthenticatedCaller alice;

    StsHandlerFixtures() {
        iam.createPolicy(policy(DEV));
        iam.createPolicy(policy(PROD));
        iam.createUser(new IamUser(DEV, "alice", "/", "AIDAALICE000000000001", NOW, List.of(),
                Map.of("Everything", ALLOW_ALL), List.of(), null));
        alice = new AuthenticatedCaller(CallerIdentity.user(DEV, "/", "alice", "AIDAALICE000000000001"),
                "AKIAALICE00000000001", Optional.empty());
    }

    /** A role of {@code account} whose trust policy names the given principal (an ARN or an account id). */
    IamRole role(String account, String name, String trustedPrincipal) {
        IamRole role = new IamRole(account, name, "/", "AROA" + String.format("%017d", Math.abs((long) name.hashCode())), NOW,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                        + trustedPrincipal + "\"},\"Action\":\"sts:AssumeRole\"}]}",
                null, IamRole.DEFAULT_MAX_SESSION_DURATION, List.of(), Map.of(), List.of(), null);
        iam.createRole(role);
        return role;
    }

    /** A role of {@code account} with the given trust policy and maximum session duration. */
    IamRole roleTrusting(String account, String name, String trustPolicy, int maxSessionDuration) {
        IamRole role = new IamRole(account, name, "/", "AROA" + String.format("%017d", Math.abs((long) name.hashCode())), NOW,
                trustPolicy, null, maxSessionDuration, List.of(), Map.of(), List.of(), null);
        iam.createRole(role);
        return role;
    }

    private static ManagedPolicy policy(String account) {
        return new ManagedPolicy(account, "ReadReports", "/", "ANPA" + account, NOW, NOW, null, "v1",
                List.of(new ManagedPolicy.PolicyVersion("v1", READ_REPORTS, NOW)));
    }

    /** Keeps every recorded session, so a test can see what was (and was not) recorded. */
    static final class RecordingSessionStore implements SessionStore {
        final List<SessionClaims> recorded = new ArrayList<>();

        @Override
        public void record(SessionClaims session) {
            recorded.add(session);
        }

        @Override
        public Optional<Instant> expiryOf(String accessKeyId) {
            return recorded.stream().filter(s -> s.accessKeyId().equals(accessKeyId)).findFirst()
                    .map(SessionClaims::expiresAt);
        }
    }
}

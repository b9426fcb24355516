package dev.sts.token.action;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.port.KeyValueStore;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.token.SessionClaims;
import dev.sts.deploy.RedisUsers;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.RedisProbe;
import dev.sts.testing.SignedQueryClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetWebIdentityToken at token-service's endpoint, signed, over real Redis and Kafka: AWS's parameter limits, the
 * caller's policy with the action's condition keys, the session rule and which credentials may call it. The test
 * profile points federation-service at a closed port, so a call that passes every check here is answered
 * ServiceUnavailable: that is each refusal's positive control (the signing itself is federation-service's tests' and
 * the end-to-end test's).
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "token-service"))
class GetWebIdentityTokenActionTest {
    private static final String ALLOWED_AUDIENCE = "https://ok.example";
    private static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:GetWebIdentityToken",
              "Resource": "*", "Condition": {
                "ForAllValues:StringEquals": {"sts:IdentityTokenAudience": ["https://ok.example", "https://also.example"]},
                "StringEquals": {"sts:SigningAlgorithm": ["RS256", "ES384"]},
                "NumericLessThanEquals": {"sts:DurationSeconds": "3600"}}}]}""";

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    SessionIssuer issuer;

    private final String account = String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
    private final IamRepository iam = new IamRepository(new ProbeStore(RedisProbe.ofLocalInfrastructure(RedisUsers.POLICY_SERVICE)));

    private static String form(String... parameters) {
        StringBuilder form = new StringBuilder("Action=GetWebIdentityToken&Version=2011-06-15");
        for (int i = 0; i < parameters.length; i += 2) {
            form.append('&').append(parameters[i]).append('=').append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    private static String[] valid(String... more) {
        String[] base = {"Audience.member.1", ALLOWED_AUDIENCE, "SigningAlgorithm", "ES384"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private SignedQueryClient.Answer call(AwsSessionCredentials credentials, String... parameters) throws Exception {
        return new SignedQueryClient(endpoint).post(form(parameters), credentials, Clock.systemUTC());
    }

    /** A session of role Builder (whose inline policy is {@link #POLICY}) lasting {@code lifetime}. */
    private AwsSessionCredentials builderSession(Duration lifetime) {
        String roleArn = "arn:aws:iam::" + account + ":role/Builder";
        String roleId = "AROABUILDER" + account.substring(0, 9);
        if (iam.findRole(account, "Builder").isEmpty()) {
            iam.createRole(new IamRole(account, "Builder", "/", roleId, Instant.now(),
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                            + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}",
                    null, IamRole.DEFAULT_MAX_SESSION_DURATION, List.of(), Map.of("outbound", POLICY), List.of(), null));
        }
        CallerIdentity session = new CallerIdentity(account, "arn:aws:sts::" + account + ":assumed-role/Builder/s1",
                roleId + ":s1", PrincipalType.ASSUMED_ROLE, "s1");
        CallerIdentity user = CallerIdentity.user(account, "/", "alice", "AIDAALICE" + account.substring(0, 9));
        var issued = issuer.issue(new AuthenticatedCaller(user, "AKIAALICE" + account, Optional.empty()), session, lifetime,
                false, Optional.of(SessionClaims.SessionContext.assumedRole(roleArn, roleId, "s1"))).credentials();
        return AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
    }

    private static void assertError(SignedQueryClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.body()).contains("<Code>" + code + "</Code>");
    }

    private static void assertReachedSigning(SignedQueryClient.Answer answer) {
        assertError(answer, 503, "ServiceUnavailable");
    }

    @Test
    void parametersOutsideBotocoresLimitsAreValidationErrors() throws Exception {
        AwsSessionCredentials credentials = builderSession(Duration.ofHours(1));
        assertReachedSigning(call(credentials, valid()));
        assertReachedSigning(call(credentials, valid("DurationSeconds", "60")));

        assertError(call(credentials, "SigningAlgorithm", "ES384"), 400, "ValidationError");
        assertError(call(credentials, "Audience.member.1", ALLOWED_AUDIENCE), 400, "ValidationError");
        assertError(call(credentials, "Audience.member.1", ALLOWED_AUDIENCE, "SigningAlgorithm", "HS256"), 400, "ValidationError");
        assertError(call(credentials, "Audience.member.1", ALLOWED_AUDIENCE, "SigningAlgorithm", "none"), 400, "ValidationError");
        assertError(call(credentials, "Audience.member.1", "a".repeat(1001), "SigningAlgorithm", "RS256"), 400, "ValidationError");
        assertError(call(credentials, valid("DurationSeconds", "59")), 400, "ValidationError");
        assertError(call(credentials, valid("DurationSeconds", "3601")), 400, "ValidationError");
        assertError(call(credentials, valid("DurationSeconds", "ten")), 400, "ValidationError");

        String[] elevenAudiences = new String[24];
        elevenAudiences[0] = "SigningAlgorithm";
        elevenAudiences[1] = "RS256";
        for (int i = 1; i <= 11; i++) {
            elevenAudiences[2 * i] = "Audience.member." + i;
            elevenAudiences[2 * i + 1] = ALLOWED_AUDIENCE;
        }
        assertError(call(credentials, elevenAudiences), 400, "ValidationError");
        String[] tenAudiences = java.util.Arrays.copyOf(elevenAudiences, 22);
        assertReachedSigning(call(credentials, tenAudiences));

        assertError(call(credentials, valid("Tags.member.1.Key", "team", "Tags.member.1.Value", "a",
                "Tags.member.2.Key", "TEAM", "Tags.member.2.Value", "b")), 400, "InvalidParameterValue");
    }

    @Test
    void fiftyTagsAreTheMost() throws Exception {
        AwsSessionCredentials credentials = builderSession(Duration.ofHours(1));
        assertReachedSigning(call(credentials, valid(tags(50))));
        assertError(call(credentials, valid(tags(51))), 400, "ValidationError");
    }

    @Test
    void theCallersPolicyDecidesOnAudienceAlgorithmAndDuration() throws Exception {
        AwsSessionCredentials credentials = builderSession(Duration.ofHours(1));
        assertReachedSigning(call(credentials, "Audience.member.1", ALLOWED_AUDIENCE, "Audience.member.2",
                "https://also.example", "SigningAlgorithm", "RS256", "DurationSeconds", "1800"));

        SignedQueryClient.Answer otherAudience = call(credentials, "Audience.member.1", ALLOWED_AUDIENCE,
                "Audience.member.2", "https://elsewhere.example", "SigningAlgorithm", "RS256");
        assertError(otherAudience, 403, "AccessDenied");
        assertThat(otherAudience.body()).contains("is not authorized to perform: sts:GetWebIdentityToken");
    }

    @Test
    void aRoleWithoutThePermissionIsDenied() throws Exception {
        assertReachedSigning(call(builderSession(Duration.ofHours(1)), valid()));

        String roleId = "AROAPLAIN0" + account.substring(0, 9);
        iam.createRole(new IamRole(account, "Plain", "/", roleId, Instant.now(),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}",
                null, IamRole.DEFAULT_MAX_SESSION_DURATION, List.of(), Map.of(), List.of(), null));
        CallerIdentity session = new CallerIdentity(account, "arn:aws:sts::" + account + ":assumed-role/Plain/s1",
                roleId + ":s1", PrincipalType.ASSUMED_ROLE, "s1");
        CallerIdentity user = CallerIdentity.user(account, "/", "alice", "AIDAALICE" + account.substring(0, 9));
        var issued = issuer.issue(new AuthenticatedCaller(user, "AKIAALICE" + account, Optional.empty()), session,
                Duration.ofHours(1), false, Optional.of(SessionClaims.SessionContext.assumedRole(
                        "arn:aws:iam::" + account + ":role/Plain", roleId, "s1"))).credentials();
        AwsSessionCredentials plain = AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(),
                issued.sessionToken());
        assertError(call(plain, valid()), 403, "AccessDenied");
    }

    @Test
    void aTokenMayNotOutliveTheCallersSession() throws Exception {
        AwsSessionCredentials fifteenMinutes = builderSession(Duration.ofMinutes(15));
        assertReachedSigning(call(fifteenMinutes, valid("DurationSeconds", "300")));

        SignedQueryClient.Answer refused = call(fifteenMinutes, valid("DurationSeconds", "3600"));
        assertError(refused, 403, "SessionDurationEscalationException");
    }

    @Test
    void getSessionTokenAndGetFederationTokenCredentialsMayNotCallIt() throws Exception {
        assertReachedSigning(call(builderSession(Duration.ofHours(1)), valid()));

        CallerIdentity alice = CallerIdentity.user(account, "/", "alice", "AIDAALICE" + account.substring(0, 9));
        AuthenticatedCaller longTerm = new AuthenticatedCaller(alice, "AKIAALICE" + account, Optional.empty());
        var sessionToken = issuer.issue(longTerm, Duration.ofHours(1), false).credentials();
        assertError(call(AwsSessionCredentials.create(sessionToken.accessKeyId(), sessionToken.secretAccessKey(),
                sessionToken.sessionToken()), valid()), 403, "AccessDenied");

        CallerIdentity federated = new CallerIdentity(account, "arn:aws:sts::" + account + ":federated-user/bob",
                account + ":bob", PrincipalType.FEDERATED_USER, "bob");
        var federation = issuer.issue(longTerm, federated, Duration.ofHours(1), false, Optional.empty()).credentials();
        SignedQueryClient.Answer refused = call(AwsSessionCredentials.create(federation.accessKeyId(),
                federation.secretAccessKey(), federation.sessionToken()), valid());
        assertError(refused, 403, "AccessDenied");
        assertThat(refused.body()).contains("credentials from GetFederationToken may call only GetCallerIdentity");
    }

    private static String[] tags(int count) {
        String[] tags = new String[count * 4];
        for (int i = 0; i < count; i++) {
            tags[4 * i] = "Tags.member." + (i + 1) + ".Key";
            tags[4 * i + 1] = "k" + i;
            tags[4 * i + 2] = "Tags.member." + (i + 1) + ".Value";
            tags[4 * i + 3] = "v";
        }
        return tags;
    }

    /** Just enough of a store over the raw Redis connection, as policy-service, for the set-up (not atomic). */
    private record ProbeStore(RedisProbe redis) implements KeyValueStore {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(redis.get(key));
        }

        @Override
        public boolean create(String key, String value, String index, String member) {
            boolean created = "OK".equals(String.valueOf(redis.command("SET", key, value, "NX")));
            redis.command("SADD", index, member);
            return created;
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            if (!expected.equals(redis.get(key))) {
                return false;
            }
            redis.command("SET", key, value);
            return true;
        }

        @Override
        public Set<String> members(String index) {
            return Set.copyOf(((List<?>) redis.command("SMEMBERS", index)).stream().map(String::valueOf).toList());
        }

        @Override
        public boolean delete(String key, String expected, String index, String member) {
            throw new AssertionError("not used by this test");
        }

        @Override
        public void addMember(String index, String member) {
            throw new AssertionError("not used by this test");
        }

        @Override
        public void removeMember(String index, String member) {
            throw new AssertionError("not used by this test");
        }
    }
}

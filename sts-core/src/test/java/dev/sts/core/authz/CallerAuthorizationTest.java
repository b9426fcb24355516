package dev.sts.core.authz;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamUser;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.policy.Decision;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.store.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys the platform derives always win over what a caller's service supplies. */
class CallerAuthorizationTest {
    private static final String ACCOUNT = "111111111111";
    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[
             {"Sid":"WithMfa","Effect":"Allow","Action":"s3:GetObject","Resource":"*",
              "Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
             {"Sid":"AsBob","Effect":"Allow","Action":"s3:PutObject","Resource":"*",
              "Condition":{"StringEquals":{"aws:username":"bob"}}},
             {"Sid":"ByPrefix","Effect":"Allow","Action":"s3:ListBucket","Resource":"*",
              "Condition":{"StringEquals":{"s3:prefix":"reports/"}}}]}""";

    private final IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
    private final CallerAuthorization authorization = new CallerAuthorization(
            new PrincipalPolicies(iam, new PolicyDocumentCache(1 << 20)), new DefaultPolicyEvaluator(),
            Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC));
    private final AuthenticatedCaller alice;

    CallerAuthorizationTest() {
        IamUser user = new IamUser(ACCOUNT, "alice", "/", "AIDAALICE000000000001", Instant.EPOCH, List.of(),
                Map.of("only", POLICY), List.of(), null);
        iam.createUser(user);
        alice = new AuthenticatedCaller(CallerIdentity.user(ACCOUNT, "/", "alice", user.userId()), "AKIAALICE00000000001",
                Optional.empty());
    }

    @Test
    void aSuppliedMfaKeyCannotStandInForTheMissingOne() {
        assertThat(decide("s3:GetObject", Map.of("aws:MultiFactorAuthPresent", List.of("true")), Map.of()).allowed()).isFalse();
        assertThat(decide("s3:GetObject", Map.of(), Map.of("aws:MultiFactorAuthPresent", List.of("true"))).allowed()).isFalse();
    }

    @Test
    void aSuppliedUserNameCannotReplaceTheCallers() {
        assertThat(decide("s3:PutObject", Map.of("aws:username", List.of("bob")), Map.of()).allowed()).isFalse();
        assertThat(decide("s3:PutObject", Map.of(), Map.of("aws:username", List.of("bob"))).allowed()).isFalse();
    }

    @Test
    void aServiceKeyIsUsedAsSupplied() {
        assertThat(decide("s3:ListBucket", Map.of("s3:prefix", List.of("reports/")), Map.of()).allowed()).isTrue();
        assertThat(decide("s3:ListBucket", Map.of("s3:prefix", List.of("secrets/")), Map.of()).allowed()).isFalse();
    }

    private Decision decide(String action, Map<String, List<String>> supplied, Map<String, List<String>> actionKeys) {
        return authorization.decide(alice, new AuthorizationQuery(action, "*", Optional.empty(), Optional.empty(), supplied,
                "192.0.2.1", actionKeys));
    }
}

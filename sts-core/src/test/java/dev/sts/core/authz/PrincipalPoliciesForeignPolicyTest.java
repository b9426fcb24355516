package dev.sts.core.authz;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamUser;
import dev.sts.core.iam.ManagedPolicy;
import dev.sts.core.iam.ManagedPolicy.PolicyVersion;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.NamedPolicy;
import dev.sts.core.policy.PolicySet;
import dev.sts.core.policy.RequestContext;
import dev.sts.core.policy.RequestPrincipal;
import dev.sts.core.store.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Another account's customer managed policy, however it came to be attached, neither grants nor lifts a bound. */
class PrincipalPoliciesForeignPolicyTest {
    private static final String ALLOW_ALL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private final IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
    private final PrincipalPolicies policies = new PrincipalPolicies(iam, new PolicyDocumentCache(1 << 20));

    @Test
    void anotherAccountsAttachedPolicyGrantsNothingWhileTheAccountsOwnDoes() {
        String foreign = policy("222222222222", "Everything");
        String own = policy("111111111111", "Everything");
        assertThat(allowed(policies.ofUser(user(List.of(foreign), null)))).isFalse();
        assertThat(allowed(policies.ofUser(user(List.of(own), null)))).isTrue();
    }

    @Test
    void anotherAccountsBoundaryAllowsNothingWhileTheAccountsOwnBounds() {
        String foreign = policy("222222222222", "Boundary");
        String own = policy("111111111111", "Boundary");
        PolicySet bounded = policies.ofUser(user(List.of(own), foreign));
        assertThat(bounded.permissionsBoundary()).map(NamedPolicy::name).contains(foreign);
        assertThat(allowed(bounded)).isFalse();
        assertThat(allowed(policies.ofUser(user(List.of(own), own)))).isTrue();
    }

    private boolean allowed(PolicySet set) {
        RequestContext context = RequestContext.builder().action("s3:GetObject").resource("arn:aws:s3:::b/k")
                .principal(RequestPrincipal.user("111111111111", "arn:aws:iam::111111111111:user/alice", "AIDAALICE000000000001"))
                .build();
        return new DefaultPolicyEvaluator().evaluate(set, context).allowed();
    }

    private String policy(String account, String name) {
        Instant now = Instant.EPOCH;
        ManagedPolicy policy = new ManagedPolicy(account, name, "/", "ANPA" + account, now, now, null, "v1",
                List.of(new PolicyVersion("v1", ALLOW_ALL, now)));
        iam.createPolicy(policy);
        return policy.arn();
    }

    private static IamUser user(List<String> attached, String boundary) {
        return new IamUser("111111111111", "alice", "/", "AIDAALICE000000000001", Instant.EPOCH, List.of(), Map.of(),
                attached, boundary);
    }
}

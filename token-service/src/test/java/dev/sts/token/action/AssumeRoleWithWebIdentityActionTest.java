package dev.sts.token.action;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.api.QueryApi;
import dev.sts.core.api.QueryAction;
import dev.sts.core.api.UnsignedCaller;
import dev.sts.core.authz.PolicyDocumentCache;
import dev.sts.core.federation.WebIdentityAssertion;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.IamRole;
import dev.sts.core.iam.Tag;
import dev.sts.core.policy.DefaultPolicyEvaluator;
import dev.sts.core.policy.TrustEvaluator;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.QueryResponses;
import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.core.sts.RoleAssumption;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import dev.sts.token.store.InMemorySessionStore;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AssumeRoleWithWebIdentity's answer on the wire: the members of botocore's {@code AssumeRoleWithWebIdentityResponse}
 * in its order, and what its audit record keeps. The token's validation is federation-service's; a validator that
 * knows one token stands in for it here (a port implementation, as the core's handler tests use).
 */
class AssumeRoleWithWebIdentityActionTest {
    private static final Instant NOW = Instant.parse("2026-12-08T01:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ACCOUNT = "111111111111";
    private static final String URL = "issuer.example/realms/ci";
    private static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + URL;
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.payload.signature";

    @Test
    void theAnswerHasBotocoresMembersInItsOrderAndTheAuditRecordNoSecret() {
        IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
        IamRole role = new IamRole(ACCOUNT, "Deployer", "/", "AROADEPLOYER000000001", NOW, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},
                "Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession","sts:SetSourceIdentity"]}]}""".formatted(PROVIDER),
                null, IamRole.DEFAULT_MAX_SESSION_DURATION, List.of(), Map.of(), List.of(), null);
        iam.createRole(role);
        WebIdentityAssertion assertion = new WebIdentityAssertion(PROVIDER, URL, "https://" + URL, "repo:main",
                "ci-client", List.of("ci-client"), List.of(), NOW.minusSeconds(10), NOW.plusSeconds(300),
                List.of(new Tag("team", "ci")), List.of(), Optional.of("alice"));
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.generate("t"));
        AssumeRoleWithWebIdentityAction action = new AssumeRoleWithWebIdentityAction(iam,
                (account, token, providerId) -> {
                    assertThat(token).isEqualTo(TOKEN);
                    return assertion;
                },
                new RoleAssumption(new TrustEvaluator(new DefaultPolicyEvaluator()), new PolicyDocumentCache(1 << 20),
                        codec, CLOCK, "us-east-1"),
                new InMemorySessionStore());
        String form = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" + enc(role.arn())
                + "&RoleSessionName=ci&WebIdentityToken=" + enc(TOKEN);
        UnsignedCaller caller = new UnsignedCaller(action.unsignedAccount(QueryParameters.parse(form)));

        QueryAction.Result result = action.handleUnsigned(new InboundRequest("POST", "/", null, HttpHeaders.empty(),
                form.getBytes(StandardCharsets.UTF_8), "127.0.0.1"), QueryParameters.parse(form), caller);
        String xml = QueryResponses.success(QueryApi.sts("us-east-1").namespace(), action.name(), "req-1", result.body());

        assertThat(xml).containsSubsequence("<AssumeRoleWithWebIdentityResult>", "<Credentials>", "<AccessKeyId>ASIA",
                "<SecretAccessKey>", "<SessionToken>", "<Expiration>2026-12-08T02:00:00Z</Expiration>", "</Credentials>",
                "<SubjectFromWebIdentityToken>repo:main</SubjectFromWebIdentityToken>", "<AssumedRoleUser>",
                "<AssumedRoleId>AROADEPLOYER000000001:ci</AssumedRoleId>",
                "<Arn>arn:aws:sts::" + ACCOUNT + ":assumed-role/Deployer/ci</Arn>", "</AssumedRoleUser>",
                "<PackedPolicySize>", "<Provider>" + PROVIDER + "</Provider>", "<Audience>ci-client</Audience>",
                "<SourceIdentity>alice</SourceIdentity>", "</AssumeRoleWithWebIdentityResult>");
        assertThat(caller.auditIdentity().type()).isEqualTo("WebIdentityUser");
        assertThat(caller.auditIdentity().principalId()).isEqualTo(URL + ":ci-client:repo:main");
        assertThat(caller.auditIdentity().userName()).isEqualTo("repo:main");
        assertThat(caller.account()).isEqualTo(ACCOUNT);
        assertThat(result.responseElements()).containsKeys("credentials", "subjectFromWebIdentityToken",
                "assumedRoleUser", "packedPolicySize", "provider", "audience", "sourceIdentity");
        assertThat(String.valueOf(result.responseElements())).doesNotContain("SecretAccessKey").doesNotContain(TOKEN);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

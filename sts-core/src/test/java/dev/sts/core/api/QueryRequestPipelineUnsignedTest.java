package dev.sts.core.api;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.audit.AuditIdentity;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.port.DependencyFailures;
import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.XmlWriter;
import dev.sts.core.ratelimit.RateLimit;
import dev.sts.core.ratelimit.RateLimitingAuthorizer;
import dev.sts.core.ratelimit.RateLimits;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.store.InMemoryTokenBuckets;
import dev.sts.core.sts.WebIdentityRequest;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unsigned actions in the pipeline: AssumeRoleWithWebIdentity needs no signature (and a signature changes nothing),
 * every other action still does; the call is throttled by the role's account and audited without the token.
 */
class QueryRequestPipelineUnsignedTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC);
    private static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ");
    private static final LongTermCredential ALICE_KEY = new LongTermCredential("AKIAALICE00000000001",
            "aliceSecret/0000000000000000000000000001", true, ALICE);
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.secret-token-payload.signature";
    private static final String DEV_ROLE = "arn:aws:iam::222222222222:role/Web";
    private static final String PROD_ROLE = "arn:aws:iam::333333333333:role/Web";

    private final List<AuditEvent> audited = new ArrayList<>();
    private final List<String> handledUnsigned = new ArrayList<>();
    private final List<String> handledSigned = new ArrayList<>();

    @Test
    void anUnsignedAssumeRoleWithWebIdentityReachesItsHandler() {
        QueryResponse answer = pipeline(ActionAuthorizer.ALLOW_AUTHENTICATED).process(unsigned(webIdentity(DEV_ROLE)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.xml()).contains("<AssumeRoleWithWebIdentityResult>", "<Ok>yes</Ok>");
        assertThat(handledUnsigned).containsExactly(TOKEN);
        AuditEvent event = audited.get(0);
        assertThat(event.userIdentity().type()).isEqualTo("WebIdentityUser");
        assertThat(event.userIdentity().principalId()).isEqualTo("issuer.example/realm:client:alice");
        assertThat(event.userIdentity().identityProvider()).isEqualTo("issuer.example/realm");
        assertThat(event.recipientAccountId()).isEqualTo("222222222222");
    }

    @Test
    void aSignedAssumeRoleWithWebIdentityIsTheSameCall() {
        QueryResponse answer = pipeline(ActionAuthorizer.ALLOW_AUTHENTICATED).process(signed(webIdentity(DEV_ROLE)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(handledUnsigned).containsExactly(TOKEN);
        assertThat(handledSigned).isEmpty();
    }

    @Test
    void anUnsignedAssumeRoleIsStillMissingAuthenticationToken() {
        String form = "Action=AssumeRole&Version=2011-06-15&RoleArn=" + enc(DEV_ROLE) + "&RoleSessionName=s1";
        QueryResponse refused = pipeline(ActionAuthorizer.ALLOW_AUTHENTICATED).process(unsigned(form));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.xml()).contains("<Code>MissingAuthenticationToken</Code>");
        // Positive control, made the same way but signed.
        QueryResponse accepted = pipeline(ActionAuthorizer.ALLOW_AUTHENTICATED).process(signed(form));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(handledSigned).containsExactly("AssumeRole");
        assertThat(handledUnsigned).isEmpty();
    }

    @Test
    void anUnparsableRoleArnIsRefusedBeforeAnyWork() {
        QueryResponse refused = pipeline(ActionAuthorizer.ALLOW_AUTHENTICATED)
                .process(unsigned(webIdentity("arn:aws:iam::222222222222:user/alice")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.xml()).contains("<Code>ValidationError</Code>");
        assertThat(handledUnsigned).isEmpty();
        assertThat(audited.get(0).userIdentity().type()).isEqualTo("Unknown");
    }

    @Test
    void theVersionIsCheckedAsForEveryAction() {
        QueryResponse refused = pipeline(ActionAuthorizer.ALLOW_AUTHENTICATED)
                .process(unsigned(webIdentity(DEV_ROLE).replace("2011-06-15", "2010-01-01")));
        assertThat(refused.xml()).contains("<Code>NoSuchVersion</Code>");
        assertThat(handledUnsigned).isEmpty();
    }

    @Test
    void unsignedCallsAreThrottledByTheRolesAccount() {
        RateLimits limits = new RateLimits(new InMemoryTokenBuckets(CLOCK), new RateLimit(1, 1), Map.of());
        QueryRequestPipeline pipeline = pipeline(new RateLimitingAuthorizer(limits, ActionAuthorizer.ALLOW_AUTHENTICATED));
        assertThat(pipeline.process(unsigned(webIdentity(DEV_ROLE))).status()).isEqualTo(200);
        QueryResponse throttled = pipeline.process(unsigned(webIdentity(DEV_ROLE)));
        assertThat(throttled.xml()).contains("<Code>Throttling</Code>");
        // Another account's budget is its own.
        assertThat(pipeline.process(unsigned(webIdentity(PROD_ROLE))).status()).isEqualTo(200);
        assertThat(handledUnsigned).hasSize(2);
    }

    @Test
    void theTokenIsNeverAuditedNorEchoed() {
        pipeline(ActionAuthorizer.ALLOW_AUTHENTICATED).process(unsigned(webIdentity(DEV_ROLE)));
        QueryResponse refused = pipeline(ActionAuthorizer.ALLOW_AUTHENTICATED)
                .process(unsigned(webIdentity(DEV_ROLE) + "&DurationSeconds=1"));
        assertThat(refused.xml()).contains("<Code>ValidationError</Code>").doesNotContain(TOKEN);
        assertThat(audited).hasSize(2).allSatisfy(event -> {
            assertThat(event.requestParameters()).containsKey("roleArn").doesNotContainKey("webIdentityToken");
            assertThat(String.valueOf(event.requestParameters())).doesNotContain(TOKEN);
        });
    }

    @Test
    void aRefusalAfterTheTokenIsKnownIsAuditedWithItsCaller() {
        QueryResponse refused = pipeline(ActionAuthorizer.ALLOW_AUTHENTICATED)
                .process(unsigned(webIdentity(DEV_ROLE).replace("RoleSessionName=s1", "RoleSessionName=deny")));
        assertThat(refused.xml()).contains("<Code>AccessDenied</Code>");
        assertThat(audited.get(0).userIdentity().type()).isEqualTo("WebIdentityUser");
        assertThat(audited.get(0).errorCode()).isEqualTo("AccessDenied");
    }

    private QueryRequestPipeline pipeline(ActionAuthorizer authorizer) {
        RequestAuthenticator authenticator = new RequestAuthenticator(new SigV4Verifier(CLOCK),
                new SessionTokenCodec(TokenKeyRing.generate("t")),
                SigningKeyDirectory.deriving(id -> Optional.of(ALICE_KEY)), new RevocationList(CLOCK), CLOCK, "sts");
        return new QueryRequestPipeline(QueryApi.sts("us-east-1"), authenticator, authorizer, audited::add,
                DependencyFailures.NONE, CLOCK, List.of(new WebIdentityAction(), new SignedAction()));
    }

    /** Stands in for AssumeRoleWithWebIdentity: the real request rules, a fixed caller, a refusal on demand. */
    private final class WebIdentityAction implements QueryAction {
        @Override
        public String name() {
            return "AssumeRoleWithWebIdentity";
        }

        @Override
        public boolean readOnly() {
            return true;
        }

        @Override
        public boolean unsigned() {
            return true;
        }

        @Override
        public String unsignedAccount(QueryParameters params) {
            return WebIdentityRequest.roleAccount(params);
        }

        @Override
        public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
            handledSigned.add(name());
            return Result.empty();
        }

        @Override
        public Result handleUnsigned(InboundRequest request, QueryParameters params, UnsignedCaller caller) {
            WebIdentityRequest parsed = WebIdentityRequest.from(params);
            handledUnsigned.add(parsed.webIdentityToken());
            caller.identifiedAs(AuditIdentity.webIdentityUser("issuer.example/realm", "client", "alice"));
            if (parsed.roleSessionName().equals("deny")) {
                throw new StsException(StsErrorCode.ACCESS_DENIED, "Not authorized to perform sts:AssumeRoleWithWebIdentity");
            }
            return new Result((XmlWriter xml) -> xml.element("Ok", "yes"), null);
        }
    }

    private final class SignedAction implements QueryAction {
        @Override
        public String name() {
            return "AssumeRole";
        }

        @Override
        public boolean readOnly() {
            return true;
        }

        @Override
        public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
            handledSigned.add(name());
            return Result.empty();
        }
    }

    private static String webIdentity(String roleArn) {
        return "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" + enc(roleArn)
                + "&RoleSessionName=s1&WebIdentityToken=" + enc(TOKEN);
    }

    private static InboundRequest unsigned(String form) {
        return new InboundRequest("POST", "/", null,
                HttpHeaders.of(Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"))),
                form.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    private static InboundRequest signed(String form) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http")
                .host("127.0.0.1").port(8080).encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ALICE_KEY.accessKeyId(), ALICE_KEY.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, CLOCK)).request();
        return new InboundRequest("POST", "/", null, HttpHeaders.of(signed.headers()), body, "127.0.0.1");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

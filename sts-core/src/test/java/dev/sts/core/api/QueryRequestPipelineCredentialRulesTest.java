package dev.sts.core.api;

import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.audit.AuditEvent;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.sts.TemporaryCredentials;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline applies the credential-type rules before authorization, and audits their refusals. */
class QueryRequestPipelineCredentialRulesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ");
    private static final LongTermCredential ALICE_KEY = new LongTermCredential("AKIAALICE00000000001",
            "aliceSecret/0000000000000000000000000001", true, ALICE);

    private final SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.generate("t"));
    private final SessionIssuer issuer = new SessionIssuer(codec, CLOCK, "us-east-1");
    private final List<AuditEvent> audited = new ArrayList<>();
    private final List<String> authorized = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();

    @Test
    void iamRefusesAGetSessionTokenSessionWithoutMfaBeforeAuthorizingAndAuditsIt() {
        TemporaryCredentials noMfa = issuer.issue(aliceLongTerm(), Duration.ofHours(1), false).credentials();
        QueryResponse answer = iamPipeline().process(signed(session(noMfa)));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.xml()).contains("<Code>InvalidClientTokenId</Code>",
                "<Message>The security token included in the request is invalid.</Message>");
        assertThat(authorized).isEmpty();
        assertThat(ran).isEmpty();
        assertThat(audited).singleElement().satisfies(event -> {
            assertThat(event.errorCode()).isEqualTo("InvalidClientTokenId");
            assertThat(event.eventName()).isEqualTo("CreateUser");
        });
    }

    @Test
    void iamTakesTheSameUsersLongTermKeyAndItsMfaSessionToTheAuthorizer() {
        assertThat(iamPipeline().process(signed(AwsCredentialsIdentity.create(ALICE_KEY.accessKeyId(),
                ALICE_KEY.secretAccessKey()))).status()).isEqualTo(200);
        TemporaryCredentials withMfa = issuer.issue(aliceLongTerm(), Duration.ofHours(1), true).credentials();
        assertThat(iamPipeline().process(signed(session(withMfa))).status()).isEqualTo(200);
        assertThat(authorized).containsExactly("CreateUser", "CreateUser");
        assertThat(ran).containsExactly("CreateUser", "CreateUser");
    }

    private static AuthenticatedCaller aliceLongTerm() {
        return new AuthenticatedCaller(ALICE, ALICE_KEY.accessKeyId(), Optional.empty());
    }

    private QueryRequestPipeline iamPipeline() {
        RequestAuthenticator authenticator = new RequestAuthenticator(new SigV4Verifier(CLOCK), codec,
                SigningKeyDirectory.deriving(id -> id.equals(ALICE_KEY.accessKeyId()) ? Optional.of(ALICE_KEY) : Optional.empty()),
                new RevocationList(CLOCK), CLOCK, "iam");
        QueryAction createUser = new QueryAction() {
            @Override
            public String name() {
                return "CreateUser";
            }

            @Override
            public boolean readOnly() {
                return false;
            }

            @Override
            public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
                ran.add(name());
                return new Result(xml -> {
                }, null);
            }
        };
        ActionAuthorizer recording = (request, caller, action, params) -> authorized.add(action.name());
        return new QueryRequestPipeline(QueryApi.iam(), authenticator, recording, audited::add, failure -> false, CLOCK,
                List.of(createUser));
    }

    private static AwsSessionCredentialsIdentity session(TemporaryCredentials credentials) {
        return AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken());
    }

    private static InboundRequest signed(AwsCredentialsIdentity identity) {
        byte[] body = "Action=CreateUser&Version=2010-05-08&UserName=mallory".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http")
                .host("127.0.0.1").port(8080).encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "iam")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, CLOCK)).request();
        return new InboundRequest("POST", "/", null, HttpHeaders.of(signed.headers()), body, "127.0.0.1");
    }
}

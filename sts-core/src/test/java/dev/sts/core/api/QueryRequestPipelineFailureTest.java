package dev.sts.core.api;

import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.audit.AuditEvent;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.port.DependencyFailures;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a caller sees when something below an action fails: a dependency that is down, or a defect. */
class QueryRequestPipelineFailureTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ");
    private static final LongTermCredential ALICE_KEY = new LongTermCredential("AKIAALICE00000000001",
            "aliceSecret/0000000000000000000000000001", true, ALICE);
    private static final DependencyFailures CONNECTION_REFUSED = failure -> failure.getCause() instanceof ConnectException;

    private final List<AuditEvent> audited = new ArrayList<>();

    @Test
    void anUnavailableDependencyIsServiceUnavailableWhichClientsRetry() {
        QueryResponse answer = pipelineFailingWith(new IllegalStateException(new ConnectException("Connection refused")))
                .process(signedGetCallerIdentity());
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.xml()).contains("<Code>ServiceUnavailable</Code>", "<Type>Receiver</Type>",
                "<RequestId>" + answer.requestId() + "</RequestId>");
        assertThat(audited).singleElement().satisfies(event -> assertThat(event.errorCode()).isEqualTo("ServiceUnavailable"));
    }

    @Test
    void aDefectIsInternalFailureWithNothingOfItInTheAnswer() {
        QueryResponse answer = pipelineFailingWith(new IllegalStateException("corrupt record at sts:secret"))
                .process(signedGetCallerIdentity());
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.xml()).contains("<Code>InternalFailure</Code>").doesNotContain("corrupt", "sts:secret");
        assertThat(audited).singleElement().satisfies(event -> assertThat(event.errorCode()).isEqualTo("InternalFailure"));
    }

    private QueryRequestPipeline pipelineFailingWith(RuntimeException failure) {
        RequestAuthenticator authenticator = new RequestAuthenticator(new SigV4Verifier(CLOCK),
                new SessionTokenCodec(TokenKeyRing.generate("t")),
                SigningKeyDirectory.deriving(id -> Optional.of(ALICE_KEY)), new RevocationList(CLOCK), CLOCK, "sts");
        QueryAction failing = new QueryAction() {
            @Override
            public String name() {
                return "GetCallerIdentity";
            }

            @Override
            public boolean readOnly() {
                return true;
            }

            @Override
            public Result handle(InboundRequest request, AuthenticatedCaller caller, QueryParameters params) {
                throw failure;
            }
        };
        return new QueryRequestPipeline(QueryApi.sts("us-east-1"), authenticator, ActionAuthorizer.ALLOW_AUTHENTICATED,
                audited::add, CONNECTION_REFUSED, CLOCK, List.of(failing));
    }

    private static InboundRequest signedGetCallerIdentity() {
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
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
}

package dev.sts.token;

import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import dev.sts.testing.SignedQueryClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The STS endpoint through the AWS SDK for Java v2, against real Redis and Kafka. Session credentials
 * are minted by the service's own issuer, so these tests need no policy-service; the end-to-end suite
 * covers long-term keys through the whole platform.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "token-service"))
class StsEndpointTest {
    private static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ");

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    SessionIssuer issuer;

    @Inject
    SessionTokenCodec codec;

    @Test
    void sessionCredentialsIdentifyTheirPrincipal() {
        GetCallerIdentityResponse identity = sts(session(Duration.ofMinutes(15))).getCallerIdentity();
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::111111111111:user/alice");
        assertThat(identity.account()).isEqualTo("111111111111");
        assertThat(identity.userId()).isEqualTo("AIDAABCDEFGHIJKLMNOPQ");
    }

    @Test
    void getSessionTokenRefusesSessionCredentials() {
        assertThatThrownBy(() -> sts(session(Duration.ofMinutes(15))).getSessionToken())
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.statusCode()).isEqualTo(403);
                });
    }

    @Test
    void expiredSessionIsRefusedWithExpiredToken() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        SessionClaims expired = new SessionClaims("ASIAEXPIREDSESSION01", "expiredSecret", ALICE, past,
                past.plus(Duration.ofMinutes(15)), false, "us-east-1", "AKIAABCDEFGHIJKLMNOP");
        AwsSessionCredentials credentials = AwsSessionCredentials.create(expired.accessKeyId(), expired.secretAccessKey(),
                codec.seal(expired));
        assertError(() -> sts(credentials).getCallerIdentity(), "ExpiredToken", 400);
    }

    @Test
    void forgedOrForeignSessionTokenIsAnInvalidClientTokenId() {
        AwsSessionCredentials real = session(Duration.ofMinutes(15));
        AwsSessionCredentials tampered = AwsSessionCredentials.create(real.accessKeyId(), real.secretAccessKey(),
                real.sessionToken().substring(0, 40) + "AAAA" + real.sessionToken().substring(44));
        assertError(() -> sts(tampered).getCallerIdentity(), "InvalidClientTokenId", 403);
        AwsSessionCredentials otherKeyId = AwsSessionCredentials.create("ASIAOTHERKEY00000001", real.secretAccessKey(),
                real.sessionToken());
        assertError(() -> sts(otherKeyId).getCallerIdentity(), "InvalidClientTokenId", 403);
    }

    @Test
    void wrongSecretIsASignatureMismatch() {
        AwsSessionCredentials real = session(Duration.ofMinutes(15));
        AwsSessionCredentials wrong = AwsSessionCredentials.create(real.accessKeyId(), "not-the-secret", real.sessionToken());
        assertError(() -> sts(wrong).getCallerIdentity(), "SignatureDoesNotMatch", 403);
    }

    @Test
    void unsignedRequestIsMissingAuthenticationToken() {
        assertError(() -> client(AnonymousCredentialsProvider.create()).getCallerIdentity(), "MissingAuthenticationToken", 403);
    }

    @Test
    void unknownLongTermKeyIsRefusedWithoutA500WhenPolicyServiceIsUnreachable() {
        // The test profile points policy-service at a closed port: the caller is told to retry, never a 500.
        assertError(() -> sts(AwsBasicCredentials.create("AKIAUNKNOWNKEY000001", "secret")).getCallerIdentity(),
                "ServiceUnavailable", 503);
    }

    @Test
    void unknownKeyShapeIsInvalidClientTokenId() {
        assertError(() -> sts(AwsBasicCredentials.create("XYZNOTAKEY", "secret")).getCallerIdentity(),
                "InvalidClientTokenId", 403);
    }

    @Test
    void staleRequestTimeIsASignatureMismatchSayingExpired() throws Exception {
        Clock sixMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));
        SignedQueryClient.Answer answer = new SignedQueryClient(endpoint)
                .post("Action=GetCallerIdentity&Version=2011-06-15", session(Duration.ofMinutes(15)), sixMinutesAgo);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).contains("<Code>SignatureDoesNotMatch</Code>").contains("Signature expired");
    }

    @Test
    void unknownActionIsInvalidAction() throws Exception {
        SignedQueryClient.Answer answer = new SignedQueryClient(endpoint)
                .post("Action=MakeMeAdmin&Version=2011-06-15", session(Duration.ofMinutes(15)), Clock.systemUTC());
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>InvalidAction</Code>").contains("<RequestId>")
                .startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">");
    }

    @Test
    void wrongVersionAndBadParametersAreSenderErrors() throws Exception {
        SignedQueryClient client = new SignedQueryClient(endpoint);
        AwsCredentials credentials = session(Duration.ofMinutes(15));
        assertThat(client.post("Action=GetCallerIdentity&Version=2099-01-01", credentials, Clock.systemUTC()).body())
                .contains("<Code>NoSuchVersion</Code>");
        assertThat(client.post("Action=GetCallerIdentity&Version=2011-06-15&Bad=%zz", credentials, Clock.systemUTC()).body())
                .contains("<Code>MalformedQueryString</Code>");
    }

    @Test
    void anAccountOverItsRateForAnActionIsThrottledLikeAws() throws Exception {
        // The test profile allows GetAccessKeyInfo once per second with a burst of two, per account.
        // A role session: GetSessionToken's credentials may not call GetAccessKeyInfo at all.
        SignedQueryClient client = new SignedQueryClient(endpoint);
        AwsSessionCredentials credentials = roleSession();
        String form = "Action=GetAccessKeyInfo&Version=2011-06-15&AccessKeyId=" + credentials.accessKeyId();
        String last = "";
        for (int i = 0; i < 5 && !last.contains("Throttling"); i++) {
            last = client.post(form, credentials, Clock.systemUTC()).body();
        }
        assertThat(last).contains("<Code>Throttling</Code>", "<Message>Rate exceeded</Message>", "<Type>Sender</Type>");
        // Other actions of the same account are not affected.
        assertThat(sts(credentials).getCallerIdentity().account()).isEqualTo("111111111111");
    }

    @Test
    void getSessionTokenCredentialsMayCallOnlyAssumeRoleAndGetCallerIdentityAndTheRefusalIsAudited() throws Exception {
        AwsSessionCredentials credentials = session(Duration.ofMinutes(15));
        String form = "Action=DecodeAuthorizationMessage&Version=2011-06-15&EncodedMessage=abc";
        var refused = new SignedQueryClient(endpoint).post(form, credentials, Clock.systemUTC());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>AccessDenied</Code>", "is not authorized to perform: "
                + "sts:DecodeAuthorizationMessage because credentials from GetSessionToken may call only AssumeRole and "
                + "GetCallerIdentity");
        String event = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1",
                record -> record.value().contains("\"accessKeyId\":\"" + credentials.accessKeyId() + "\"")
                        && record.value().contains("\"eventName\":\"DecodeAuthorizationMessage\""),
                Duration.ofSeconds(20)).value();
        assertThat(event).contains("\"errorCode\":\"AccessDenied\"");
        // The same session may call GetCallerIdentity; a role session passes the rule and meets the action's own
        // policy check (this role does not exist in this test's IAM state, so that one refuses it).
        assertThat(sts(credentials).getCallerIdentity().arn()).isEqualTo(ALICE.arn());
        assertThat(new SignedQueryClient(endpoint).post(form, roleSession(), Clock.systemUTC()).body())
                .contains("assumed-role/Reader/s1 is not authorized to perform")
                .doesNotContain("credentials from GetSessionToken");
    }

    @Test
    void everyCallIsAuditedOnKafkaWithoutSecrets() {
        AwsSessionCredentials credentials = session(Duration.ofMinutes(15));
        String requestId = sts(credentials).getCallerIdentity().responseMetadata().requestId();
        String event = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1",
                record -> record.value().contains(requestId), Duration.ofSeconds(20)).value();
        assertThat(event).contains("\"eventName\":\"GetCallerIdentity\"", "\"eventSource\":\"sts.amazonaws.com\"",
                "\"accessKeyId\":\"" + credentials.accessKeyId() + "\"", "\"recipientAccountId\":\"111111111111\"");
        assertThat(event).doesNotContain(credentials.secretAccessKey(), credentials.sessionToken());

        assertThatThrownBy(() -> client(AnonymousCredentialsProvider.create()).getCallerIdentity()).isInstanceOf(StsException.class);
        String refused = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1",
                record -> record.value().contains("\"errorCode\":\"MissingAuthenticationToken\""), Duration.ofSeconds(20))
                .value();
        assertThat(refused).contains("\"type\":\"Unknown\"");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrChunked() throws Exception {
        byte[] oversized = new byte[512 * 1024 + 1];
        java.util.Arrays.fill(oversized, (byte) 'a');
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest declared = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(oversized)).build();
        assertThat(http.send(declared, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);

        HttpRequest chunked = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(oversized))).build();
        assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
    }

    @Test
    void aBodyJustUnderTheLimitIsReadAndAnswered() throws Exception {
        String form = "Action=GetCallerIdentity&Version=2011-06-15&Pad=" + "a".repeat(512 * 1024 - 64);
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(endpoint).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("<Code>MissingAuthenticationToken</Code>");
        assertThat(answer.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/xml");
    }

    private static AuthenticatedCaller aliceLongTerm() {
        return new AuthenticatedCaller(ALICE, "AKIAABCDEFGHIJKLMNOP", Optional.empty());
    }

    private AwsSessionCredentials session(Duration lifetime) {
        var issued = issuer.issue(aliceLongTerm(), lifetime, false).credentials();
        return AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
    }

    private AwsSessionCredentials roleSession() {
        CallerIdentity session = new CallerIdentity("111111111111", "arn:aws:sts::111111111111:assumed-role/Reader/s1",
                "AROAREADER0000000001:s1", PrincipalType.ASSUMED_ROLE, "s1");
        var issued = issuer.issue(aliceLongTerm(), session, Duration.ofMinutes(15), false, Optional.of(
                SessionClaims.SessionContext.assumedRole("arn:aws:iam::111111111111:role/Reader", "AROAREADER0000000001",
                        "s1"))).credentials();
        return AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken());
    }

    private StsClient sts(AwsCredentials credentials) {
        return client(StaticCredentialsProvider.create(credentials));
    }

    private StsClient client(AwsCredentialsProvider credentials) {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    private static void assertError(Runnable call, String code, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.requestId()).isNotBlank();
        });
    }
}

package dev.sts.e2e;

import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import dev.sts.deploy.KafkaAccessPolicy;
import dev.sts.deploy.Platform;
import dev.sts.testing.KafkaTopicReader;
import dev.sts.testing.SignedQueryClient;
import dev.sts.testing.RedisProbe;
import org.junit.jupiter.api.BeforeAll;
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
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static dev.sts.e2e.Clients.PROD_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The platform as a user meets it through the AWS SDK for Java v2 (StsClient with endpointOverride). */
class SdkV2EndToEndTest {

    private static Platform platform;
    private static URI endpoint;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        endpoint = URI.create(platform.config().stsEndpoint());
    }

    @Test
    void longTermKeysIdentifyTheBootstrappedAdministrators() {
        GetCallerIdentityResponse dev = sts(DEV_ADMIN).getCallerIdentity();
        assertThat(dev.arn()).isEqualTo("arn:aws:iam::111111111111:user/admin");
        assertThat(dev.account()).isEqualTo("111111111111");
        assertThat(dev.userId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(sts(PROD_ADMIN).getCallerIdentity().arn()).isEqualTo("arn:aws:iam::222222222222:user/admin");
    }

    @Test
    void sessionTokenCredentialsActAsTheSamePrincipal() {
        GetSessionTokenResponse response = sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900));
        Credentials credentials = response.credentials();
        assertThat(credentials.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(credentials.expiration()).isCloseTo(Instant.now().plusSeconds(900), within(30, ChronoUnit.SECONDS));

        GetCallerIdentityResponse viaSession = sts(Clients.session(credentials)).getCallerIdentity();
        GetCallerIdentityResponse viaKey = sts(DEV_ADMIN).getCallerIdentity();
        assertThat(viaSession.arn()).isEqualTo(viaKey.arn());
        assertThat(viaSession.userId()).isEqualTo(viaKey.userId());
    }

    @Test
    void sessionTokenDefaultsToTwelveHoursAndIsRecordedInRedisForItsLifetime() throws InterruptedException {
        Credentials credentials = sts(DEV_ADMIN).getSessionToken().credentials();
        assertThat(credentials.expiration()).isCloseTo(Instant.now().plus(Duration.ofHours(12)), within(30, ChronoUnit.SECONDS));
        // The record is written just after the answer, off the request path.
        RedisProbe redis = RedisProbe.of(platform.config());
        String key = "sts:session:" + credentials.accessKeyId();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (redis.ttl(key) < 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(redis.ttl(key)).isBetween(43_200L - 60, 43_200L);
    }

    @Test
    void durationLimitsAreEnforcedAtBothEdges() {
        assertThat(sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(129_600)).credentials().expiration())
                .isCloseTo(Instant.now().plusSeconds(129_600), within(30, ChronoUnit.SECONDS));
        assertError(() -> sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(899)), "ValidationError", 400);
        assertError(() -> sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(129_601)), "ValidationError", 400);
    }

    @Test
    void sessionCredentialsCannotCallGetSessionToken() {
        Credentials credentials = sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900)).credentials();
        assertError(() -> sts(Clients.session(credentials)).getSessionToken(), "AccessDenied", 403);
    }

    @Test
    void refusalsCarryAwsErrorCodes() {
        assertError(() -> sts(AwsBasicCredentials.create("AKIANOSUCHKEY0000001", "whatever")).getCallerIdentity(),
                "InvalidClientTokenId", 403);
        assertError(() -> sts(AwsBasicCredentials.create(DEV_ADMIN.accessKeyId(), "wrong-secret")).getCallerIdentity(),
                "SignatureDoesNotMatch", 403);
        assertError(() -> client(AnonymousCredentialsProvider.create()).getCallerIdentity(),
                "MissingAuthenticationToken", 403);
    }

    @Test
    void expiredSessionIsRefusedWithExpiredToken() {
        // A session sealed with the platform's own key ring, already past its expiry.
        SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.parse(platform.secrets().tokenKeys()));
        Instant issued = Instant.now().minus(Duration.ofHours(1));
        SessionClaims expired = new SessionClaims("ASIAEXPIRED000000001", "expired-secret",
                CallerIdentity.user("111111111111", "/", "admin", "AIDAABCDEFGHIJKLMNOPQ"), issued,
                issued.plusSeconds(900), false, "us-east-1", DEV_ADMIN.accessKeyId());
        AwsSessionCredentials credentials = AwsSessionCredentials.create(expired.accessKeyId(), expired.secretAccessKey(),
                codec.seal(expired));
        assertError(() -> sts(credentials).getCallerIdentity(), "ExpiredToken", 400);
    }

    @Test
    void staleRequestTimeAndUnknownActionAreRefused() throws Exception {
        SignedQueryClient query = new SignedQueryClient(endpoint);
        SignedQueryClient.Answer stale = query.post("Action=GetCallerIdentity&Version=2011-06-15", DEV_ADMIN,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)));
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.body()).contains("<Code>SignatureDoesNotMatch</Code>", "Signature expired");
        SignedQueryClient.Answer unknown = query.post("Action=BecomeRoot&Version=2011-06-15", DEV_ADMIN, Clock.systemUTC());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>");
    }

    @Test
    void unsignedGetIsMissingAuthenticationTokenNotAServerError() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                endpoint.resolve("/?Action=GetCallerIdentity&Version=2011-06-15")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>").doesNotContain("Exception");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void everyCallIsOnTheAuditTopicAndInTheArchiveWithoutSecrets() throws Exception {
        GetSessionTokenResponse issued = sts(DEV_ADMIN).getSessionToken(r -> r.durationSeconds(900));
        String requestId = issued.responseMetadata().requestId();
        String onKafka = new KafkaTopicReader(platform.kafkaClientSettings(KafkaAccessPolicy.AUDIT_READER), "audit-reader-").awaitRecord("sts.audit.v1",
                record -> record.value().contains(requestId), Duration.ofSeconds(30)).value();
        assertThat(onKafka).contains("\"eventName\":\"GetSessionToken\"", "\"userName\":\"admin\"",
                "\"accessKeyId\":\"" + issued.credentials().accessKeyId() + "\"", "\"durationSeconds\":\"900\"");
        assertThat(onKafka).doesNotContain(issued.credentials().secretAccessKey(), issued.credentials().sessionToken());

        String archived = AuditArchive.awaitEvent(platform.config().auditEndpoint(), requestId, Duration.ofSeconds(30));
        assertThat(archived).contains("\"requestID\":\"" + requestId + "\"")
                .doesNotContain(issued.credentials().secretAccessKey());

        String refusedId = requestIdOfRefusal(() -> sts(AwsBasicCredentials.create(DEV_ADMIN.accessKeyId(), "bad"))
                .getCallerIdentity());
        // Refused before the caller was known: an event of no account, which the audit API serves to nobody.
        String refused = AuditArchive.awaitEventWithoutAccount(platform.config().stateDir().resolve("audit-archive"),
                refusedId, Duration.ofSeconds(30));
        assertThat(refused).contains("\"errorCode\":\"SignatureDoesNotMatch\"", DEV_ADMIN.accessKeyId());
    }

    private static String requestIdOfRefusal(Runnable call) {
        try {
            call.run();
        } catch (StsException e) {
            return e.requestId();
        }
        throw new AssertionError("the call was not refused");
    }


    private static StsClient sts(AwsCredentials credentials) {
        return client(StaticCredentialsProvider.create(credentials));
    }

    private static StsClient client(AwsCredentialsProvider credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
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

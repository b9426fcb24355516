package dev.sts.policy;

import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SigV4Parser;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sigv4.SignatureClaim;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.core.sigv4.SigningKeys;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * Key resolution answers the signing key derived for one allowed scope, never the secret; every refusal has a
 * control made the same way that is answered.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "policy-service"))
class InternalAccessKeyResourceTest {
    private static final String TOKEN = "token-service.test-key-resolution-token-000000000000";
    private static final String ALICE_KEY = "AKIATESTALICE0000003";
    private static final String ALICE_SECRET = "testAliceSecret/00000000000000000000003";

    @Inject
    RedisDataSource redis;

    @Test
    void answersTheSigningKeyThatVerifiesARealSignatureAndNotTheSecret() {
        SignedRequest request = signedNow(ALICE_KEY, ALICE_SECRET, "sts", "us-east-1");
        SignatureClaim claim = SigV4Parser.parse(request);
        String body = resolve(ALICE_KEY, claim.scope().date(), "us-east-1", "sts")
                .statusCode(200)
                .body("accessKeyId", equalTo(ALICE_KEY))
                .body("date", equalTo(claim.scope().date()))
                .body("region", equalTo("us-east-1"))
                .body("service", equalTo("sts"))
                .body("active", equalTo(true))
                .body("account", equalTo("333333333333"))
                .body("arn", equalTo("arn:aws:iam::333333333333:user/engineering/alice"))
                .body("userId", matchesPattern("AIDA[A-Z2-7]{17}"))
                .body("type", equalTo("IAM_USER"))
                .extract().asString();
        assertThat(body).doesNotContain(ALICE_SECRET).doesNotContain("secret").doesNotContain("Secret");
        byte[] key = Base64.getDecoder().decode(
                given().header("X-Sts-Internal-Token", TOKEN).queryParam("date", claim.scope().date())
                        .queryParam("region", "us-east-1").queryParam("service", "sts")
                        .get("/internal/v1/access-keys/" + ALICE_KEY + "/signing-key").jsonPath().getString("signingKey"));
        assertThat(key).isEqualTo(SigningKeys.derive(ALICE_SECRET, claim.scope()));
        assertThatCode(() -> new SigV4Verifier(Clock.systemUTC(), "us-east-1").verifyWithSigningKey(request, claim, key, "sts"))
                .doesNotThrowAnyException();
    }

    @Test
    void theKeyOfOneScopeVerifiesNothingSignedForAnother() {
        SignedRequest iamRequest = signedNow(ALICE_KEY, ALICE_SECRET, "iam", "us-east-1");
        SignatureClaim claim = SigV4Parser.parse(iamRequest);
        byte[] stsKey = Base64.getDecoder().decode(resolve(ALICE_KEY, claim.scope().date(), "us-east-1", "sts")
                .statusCode(200).extract().jsonPath().getString("signingKey"));
        byte[] iamKey = SigningKeys.derive(ALICE_SECRET, claim.scope());
        SigV4Verifier verifier = new SigV4Verifier(Clock.systemUTC(), "us-east-1");
        assertThatCode(() -> verifier.verifyWithSigningKey(iamRequest, claim, iamKey, "iam")).as("control")
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifier.verifyWithSigningKey(iamRequest, claim, stsKey, "iam"))
                .hasMessageContaining("does not match");
    }

    @Test
    void resolvesARootKeyToTheAccountRoot() {
        resolve("AKIATESTROOT00000003", today(0), "us-east-1", "sts").statusCode(200)
                .body("arn", equalTo("arn:aws:iam::333333333333:root"))
                .body("userId", equalTo("333333333333"))
                .body("type", equalTo("ROOT"));
    }

    @Test
    void allowsTodayAndTheDayEitherSideAndRefusesEveryOtherDate() {
        for (int days = -1; days <= 1; days++) {
            resolve(ALICE_KEY, today(days), "us-east-1", "sts").statusCode(200);
        }
        for (String date : new String[] {today(-2), today(2), today(3650), "20990101", "2026-01-01", "notadate", "20261332"}) {
            resolve(ALICE_KEY, date, "us-east-1", "sts").statusCode(400).body("signingKey", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void answersStsKeysOnlyAndRefusesAnotherRegion() {
        resolve(ALICE_KEY, today(0), "us-east-1", "sts").statusCode(200);
        // IAM and the audit API verify their own signatures in policy-service: their keys never leave it.
        for (String service : new String[] {"iam", "cloudtrail", "s3", "execute-api", "STS", "kms"}) {
            resolve(ALICE_KEY, today(0), "us-east-1", service).statusCode(400);
        }
        for (String region : new String[] {"eu-west-1", "us-east-2", "zz-fake-9", "US-EAST-1"}) {
            resolve(ALICE_KEY, today(0), region, "sts").statusCode(400);
        }
    }

    @Test
    void refusesMissingAndOversizeScopePartsAndMalformedKeyIds() {
        given().header("X-Sts-Internal-Token", TOKEN).queryParam("date", today(0)).queryParam("region", "us-east-1")
                .get("/internal/v1/access-keys/" + ALICE_KEY + "/signing-key").then().statusCode(400);
        resolve(ALICE_KEY, today(0), "x".repeat(65), "sts").statusCode(400);
        resolve("ASIATESTALICE0000003", today(0), "us-east-1", "sts").statusCode(400);
        resolve("AKIA" + "A".repeat(200), today(0), "us-east-1", "sts").statusCode(400);
    }

    @Test
    void refusesCallersWithoutTheKeyResolutionCredential() {
        resolve(ALICE_KEY, today(0), "us-east-1", "sts").statusCode(200);
        given().queryParam("date", today(0)).queryParam("region", "us-east-1").queryParam("service", "sts")
                .get("/internal/v1/access-keys/" + ALICE_KEY + "/signing-key").then().statusCode(401);
        given().header("X-Sts-Internal-Token", TOKEN + "x").queryParam("date", today(0)).queryParam("region", "us-east-1")
                .queryParam("service", "sts").get("/internal/v1/access-keys/" + ALICE_KEY + "/signing-key")
                .then().statusCode(401);
        // An authorize credential is a live credential of another scope: 403, whatever the header.
        given().header("X-Sts-Internal-Token", "audit-service.test-authorize-token-000000000000000")
                .queryParam("date", today(0)).queryParam("region", "us-east-1").queryParam("service", "sts")
                .get("/internal/v1/access-keys/" + ALICE_KEY + "/signing-key").then().statusCode(403)
                .body("code", equalTo("WrongScope"));
    }

    @Test
    void theOldSecretEndpointIsGone() {
        given().header("X-Sts-Internal-Token", TOKEN).get("/internal/v1/access-keys/" + ALICE_KEY)
                .then().statusCode(org.hamcrest.Matchers.oneOf(404, 405));
    }

    @Test
    void unknownKeyIsNotFound() {
        resolve("AKIANOSUCHKEY0000003", today(0), "us-east-1", "sts").statusCode(404);
    }

    @Test
    void stateLivesInRedis() {
        assertThat(redis.key().exists("iam:access-key:AKIATESTALICE0000003")).isTrue();
        assertThat(redis.key().exists("iam:user:333333333333:alice")).isTrue();
        assertThat(redis.key().exists("iam:account:333333333333")).isTrue();
    }

    @Test
    void seedingPublishesChangeEvents() {
        String change = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("iam.changes.v1",
                record -> record.value().contains("\"name\":\"AKIATESTALICE0000003\""), Duration.ofSeconds(20)).value();
        assertThat(change).contains("\"kind\":\"ACCESS_KEY\"", "\"account\":\"333333333333\"").doesNotContain("Secret");
    }

    private static ValidatableResponse resolve(String accessKeyId, String date, String region, String service) {
        return given().header("X-Sts-Internal-Token", TOKEN)
                .queryParam("date", date).queryParam("region", region).queryParam("service", service)
                .get("/internal/v1/access-keys/" + accessKeyId + "/signing-key").then();
    }

    private static String today(int plusDays) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(plusDays).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** A GetCallerIdentity form POST signed by the AWS SDK's own SigV4 signer, now. */
    private static SignedRequest signedNow(String accessKeyId, String secret, String service, String region) {
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("https")
                .host(service + ".amazonaws.com").encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        return new SignedRequest(signed.method().name(), signed.encodedPath(), signed.getUri().getRawQuery(),
                HttpHeaders.of(signed.headers()), body);
    }
}

package dev.sts.e2e;

import dev.sts.core.sigv4.CredentialScope;
import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SigV4Parser;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sigv4.SignatureClaim;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.core.sigv4.SigningKeys;
import dev.sts.deploy.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Key resolution on the running platform, called as token-service calls it: policy-service answers the SigV4
 * signing key derived for one date, region and service, never the secret CreateAccessKey returned, and the key is
 * useless for any other date, region or service. Every refusal has a control asked the same way that is answered.
 */
class KeyResolutionEndToEndTest {
    private static final Pattern SIGNING_KEY = Pattern.compile("\"signingKey\":\"([^\"]+)\"");

    private static Platform platform;
    private static AccessKey key;

    @BeforeAll
    static void createAUserWithAKey() {
        platform = RunningPlatform.get();
        IamClient iam = Clients.iam(Clients.DEV_ADMIN);
        String userName = "key-resolution-" + UUID.randomUUID().toString().substring(0, 8);
        iam.createUser(r -> r.userName(userName));
        key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
    }

    @Test
    void theAnswerIsTheDerivedKeyForTheScopeAndNeverTheSecret() throws Exception {
        assertThat(Clients.sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())).getCallerIdentity()
                .arn()).as("control: the key signs STS calls through the derived-key path").endsWith(":user/"
                + key.userName());
        HttpResponse<String> answer = resolve(key.accessKeyId(), today(0), "us-east-1", "sts");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(key.secretAccessKey())
                .doesNotContain(Base64.getEncoder().encodeToString(key.secretAccessKey().getBytes(StandardCharsets.UTF_8)))
                .doesNotContainIgnoringCase("secret");
        assertThat(signingKey(answer)).isEqualTo(SigningKeys.derive(key.secretAccessKey(),
                new CredentialScope(today(0), "us-east-1", "sts")));
        // A key that could sign IAM calls (CreateAccessKey as this user) is never handed out: IAM verifies in-process.
        for (String service : new String[] {"iam", "cloudtrail"}) {
            assertRefused(resolve(key.accessKeyId(), today(0), "us-east-1", service));
        }
    }

    @Test
    void aDerivedKeyVerifiesItsOwnScopeAndNoOther() throws Exception {
        SigV4Verifier verifier = new SigV4Verifier(Clock.systemUTC());
        SignedRequest stsRequest = signedNow("sts", "us-east-1");
        SignatureClaim stsClaim = SigV4Parser.parse(stsRequest);
        byte[] stsKey = signingKey(resolve(key.accessKeyId(), stsClaim.scope().date(), "us-east-1", "sts"));
        assertThatCode(() -> verifier.verifyWithSigningKey(stsRequest, stsClaim, stsKey, "sts")).as("control")
                .doesNotThrowAnyException();

        // Another service: an IAM request signed with the same secret is not verified by the STS key.
        SignedRequest iamRequest = signedNow("iam", "us-east-1");
        SignatureClaim iamClaim = SigV4Parser.parse(iamRequest);
        assertThatThrownBy(() -> verifier.verifyWithSigningKey(iamRequest, iamClaim, stsKey, "iam"))
                .hasMessageContaining("does not match");
        // Another region.
        SignedRequest euRequest = signedNow("sts", "eu-west-1");
        SignatureClaim euClaim = SigV4Parser.parse(euRequest);
        assertThatThrownBy(() -> verifier.verifyWithSigningKey(euRequest, euClaim, stsKey, "sts"))
                .hasMessageContaining("does not match");
        // Another date: the key of the day after, the latest the endpoint answers, does not verify today's request.
        byte[] tomorrowKey = signingKey(resolve(key.accessKeyId(), today(1), "us-east-1", "sts"));
        assertThat(tomorrowKey).isNotEqualTo(stsKey);
        assertThatThrownBy(() -> verifier.verifyWithSigningKey(stsRequest, stsClaim, tomorrowKey, "sts"))
                .hasMessageContaining("does not match");
    }

    @Test
    void refusesDatesOutsideTheSkewWindowOtherRegionsAndServicesOffTheList() throws Exception {
        assertThat(resolve(key.accessKeyId(), today(-1), "us-east-1", "sts").statusCode()).as("control").isEqualTo(200);
        for (String date : new String[] {today(-2), today(2), today(365), "29991231"}) {
            assertRefused(resolve(key.accessKeyId(), date, "us-east-1", "sts"));
        }
        for (String region : new String[] {"eu-west-1", "zz-fake-9"}) {
            assertRefused(resolve(key.accessKeyId(), today(0), region, "sts"));
        }
        for (String service : new String[] {"s3", "execute-api", "kms"}) {
            assertRefused(resolve(key.accessKeyId(), today(0), "us-east-1", service));
        }
    }

    @Test
    void refusesCallersWithoutTheInternalToken() throws Exception {
        URI uri = URI.create(platform.config().iamEndpoint() + "/internal/v1/access-keys/" + key.accessKeyId()
                + "/signing-key?date=" + today(0) + "&region=us-east-1&service=sts");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain(key.secretAccessKey()).doesNotContain("signingKey");
    }

    private static void assertRefused(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("signingKey").doesNotContain(key.secretAccessKey());
    }

    /** GET …/signing-key with token-service's key-resolution credential, exactly as token-service's PolicyServiceSigningKeyDirectory asks. */
    private static HttpResponse<String> resolve(String accessKeyId, String date, String region, String service)
            throws Exception {
        URI uri = URI.create(platform.config().iamEndpoint() + "/internal/v1/access-keys/" + accessKeyId
                + "/signing-key?date=" + date + "&region=" + region + "&service=" + service);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                        .header("X-Sts-Internal-Token", platform.secrets().keyResolutionToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] signingKey(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Matcher m = SIGNING_KEY.matcher(answer.body());
        assertThat(m.find()).as(answer.body()).isTrue();
        return Base64.getDecoder().decode(m.group(1));
    }

    private static String today(int plusDays) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(plusDays).format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** A GetCallerIdentity form POST signed now by the AWS SDK's SigV4 signer with the key's real secret. */
    private static SignedRequest signedNow(String service, String region) {
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("https")
                .host(service + ".amazonaws.com").encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        return new SignedRequest(signed.method().name(), signed.encodedPath(), signed.getUri().getRawQuery(),
                HttpHeaders.of(signed.headers()), body);
    }
}

package dev.sts.core.sigv4;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Fixed vectors, verified against a fixed clock. The first three are AWS's SigV4 test suite
 * (aws-sig-v4-test-suite, credentials AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830T123600Z,
 * us-east-1, service "service"). The next ones are requests from that suite with signatures as botocore 1.43
 * computes them for a non-S3 service (the suite's own path vectors assume S3's single encoding); the Date-header
 * vector was computed by hand with Python's hmac. The {@code sts} vectors are requests as botocore (the AWS CLI)
 * sends them to STS.
 */
class SigV4KnownAnswerTest {
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String SUITE_AUTH = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";
    private static final String SUITE_HOST = "example.amazonaws.com";
    private static final String SUITE_DATE = "20150830T123600Z";
    private static final Clock SUITE_CLOCK = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final SigV4Verifier verifier = new SigV4Verifier(SUITE_CLOCK);

    private static HttpHeaders headers(String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], n -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return HttpHeaders.of(map);
    }

    private static SignedRequest suiteRequest(String method, String path, String query, String signedHeaders,
                                              String signature, String body, String... extraHeaders) {
        String[] all = new String[extraHeaders.length + 6];
        all[0] = "Host";
        all[1] = SUITE_HOST;
        all[2] = "X-Amz-Date";
        all[3] = SUITE_DATE;
        all[4] = "Authorization";
        all[5] = SUITE_AUTH + "SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        System.arraycopy(extraHeaders, 0, all, 6, extraHeaders.length);
        return new SignedRequest(method, path, query, headers(all), body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> suiteVectors() {
        return Stream.of(
                arguments("get-vanilla", suiteRequest("GET", "/", "", "host;x-amz-date",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", null)),
                arguments("get-vanilla-query-order-key-case", suiteRequest("GET", "/", "Param2=value2&Param1=value1",
                        "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", null)),
                arguments("post-vanilla", suiteRequest("POST", "/", null, "host;x-amz-date",
                        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", null)),
                arguments("get-vanilla-utf8-query", suiteRequest("GET", "/", "%E1%88%B4=bar", "host;x-amz-date",
                        "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04", null)),
                arguments("get-header-value-trim", suiteRequest("GET", "/", "", "host;my-header1;my-header2;x-amz-date",
                        "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736", null,
                        "My-Header1", " value1", "My-Header2", " \"a   b   c\"")),
                arguments("post-x-www-form-urlencoded", suiteRequest("POST", "/", "", "content-type;host;x-amz-date",
                        "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", "Param1=value1",
                        "Content-Type", "application/x-www-form-urlencoded")),
                arguments("get-utf8 (double-encoded)", suiteRequest("GET", "/%E1%88%B4", "", "host;x-amz-date",
                        "697b34846207a3f72246f99d74ae1ee4fe54f44bb06730c58a0d339eb079596d", null)),
                arguments("get-space (double-encoded)", suiteRequest("GET", "/example%20space/", "", "host;x-amz-date",
                        "446b817944c553435b35e813c261ff4e161fff982d1bacdef1c87f6785dd1662", null)),
                arguments("Date header instead of X-Amz-Date (computed by hand)", new SignedRequest("GET", "/", "",
                        headers("Host", SUITE_HOST, "Date", "Sun, 30 Aug 2015 12:36:00 GMT",
                                "Authorization", SUITE_AUTH + "SignedHeaders=date;host, "
                                        + "Signature=1262aceaf1a79c7f0b69fda81cd744572fcbe2e4c23b647b4de183cd5a0f1075"),
                        null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suiteVectors")
    void suiteVectorIsAccepted(String name, SignedRequest request) {
        SignatureClaim claim = SigV4Parser.parse(request);

        assertThat(claim.requestTime()).isEqualTo(SUITE_CLOCK.instant());
        assertThatCode(() -> verifier.verify(request, claim, SUITE_SECRET, "service", "us-east-1")).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suiteVectors")
    void suiteVectorIsRefusedWithAnotherSecret(String name, SignedRequest request) {
        assertThatThrownBy(() -> verifier.verify(request, SigV4Parser.parse(request), SUITE_SECRET + "x", "service"))
                .isInstanceOf(StsException.class)
                .hasMessage(SigV4Verifier.SIGNATURE_MISMATCH);
    }

    @Test
    void getVanillaCanonicalRequestIsTheSuites() {
        SignedRequest request = (SignedRequest) suiteVectors().findFirst().orElseThrow().get()[1];
        SignatureClaim claim = SigV4Parser.parse(request);

        assertThat(CanonicalRequest.of(request, claim.signedHeaders(), false, EMPTY_SHA256)).isEqualTo("""
                GET
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
    }

    /** AWS's documented key-derivation example (secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam). */
    @Test
    void signingKeyDerivationMatchesTheDocumentedExample() {
        byte[] key = SigningKeys.derive(SUITE_SECRET, new CredentialScope("20120215", "us-east-1", "iam"));

        assertThat(Hmac.hex(key)).isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void botocorePresignedGetCallerIdentityIsAccepted() {
        SignedRequest request = new SignedRequest("GET", "/",
                "Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request"
                        + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Signature=e8d7e61248a0d11a99b5981a6802d73250938b6d2c6f32f9a6b8a331d25ef4b1",
                headers("Host", "sts.amazonaws.com"), null);

        SignatureClaim claim = SigV4Parser.parse(request);
        assertThat(claim.presigned()).isTrue();
        assertThat(CanonicalRequest.canonicalQuery(request.rawQuery(), true))
                .isEqualTo("Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request"
                        + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host");
        verifier.verify(request, claim, SUITE_SECRET, "sts");
    }

    @Test
    void botocorePresignedUrlWithSessionTokenIsAccepted() {
        SignedRequest request = new SignedRequest("POST", "/",
                "Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Credential=ASIAEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request"
                        + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host"
                        + "&X-Amz-Security-Token=token%2Fwith%2Bplus%3D"
                        + "&X-Amz-Signature=dd2beb961acf8f4d804ea9b717a3255708ae3d61f801468e9fb03a1fe1253349",
                headers("Host", "sts.amazonaws.com"), null);

        SignatureClaim claim = SigV4Parser.parse(request);
        assertThat(claim.securityToken()).contains("token/with+plus=");
        assertThat(claim.presignedExpiry()).hasValueSatisfying(d -> assertThat(d.getSeconds()).isEqualTo(60));
        verifier.verify(request, claim, SUITE_SECRET, "sts");
    }

    /** botocore signs no x-amz-content-sha256 header for STS: the verifier hashes the body itself. */
    @Test
    void botocoreAssumeRolePostWithSessionTokenIsAccepted() {
        String body = "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"
                + "&RoleSessionName=my%20session&Version=2011-06-15";
        SignedRequest request = new SignedRequest("POST", "/", null, headers(
                "Host", "sts.amazonaws.com",
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                "X-Amz-Date", SUITE_DATE,
                "X-Amz-Security-Token", "token/with+plus=",
                "Authorization", "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20150830/us-east-1/sts/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
                        + "Signature=71c57f4da6254e7fe1ecb0f08d3c92bd6b545b57c361413907dd45f890a41bd9"),
                body.getBytes(StandardCharsets.UTF_8));

        SignatureClaim claim = SigV4Parser.parse(request);
        verifier.verify(request, claim, SUITE_SECRET, "sts");
        SignedRequest changed = new SignedRequest("POST", "/", null, request.headers(),
                body.replace("demo", "admin").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(changed, claim, SUITE_SECRET, "sts"))
                .isInstanceOf(StsException.class)
                .satisfies(e -> assertThat(((StsException) e).errorCode()).isEqualTo(StsErrorCode.SIGNATURE_DOES_NOT_MATCH));
    }
}

package dev.sts.policy;

import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code POST /v1/authorize/signed-request} as audit-service uses it: a GET signed by the AWS SDK's signer for
 * {@code cloudtrail}, verified for the endpoint's region, and the decision for the caller.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "policy-service"))
class SignedRequestAuthorizeTest {
    private static final String TOKEN = "audit-service.test-authorize-token-000000000000000";
    private static final AwsCredentialsIdentity CAROL = AwsCredentialsIdentity.create("AKIATESTCAROL0000003",
            "testCarolSecret/00000000000000000000003");
    private static final AwsCredentialsIdentity ALICE = AwsCredentialsIdentity.create("AKIATESTALICE0000003",
            "testAliceSecret/00000000000000000000003");

    @Test
    void answersTheSignerAndTheDecisionOnlyToACallerWithTheToken() {
        Map<String, Object> body = request(signed(CAROL, "us-east-1"), "us-east-1", "iam:ListRoles");
        given().header("X-Sts-Authorize-Token", "wrong-token").contentType(ContentType.JSON).body(body)
                .post("/v1/authorize/signed-request").then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).post("/v1/authorize/signed-request").then().statusCode(401);
        // Positive control: the same request with the token.
        authorize(body).statusCode(200).body("decision", equalTo("Allow"))
                .body("principalArn", equalTo("arn:aws:iam::333333333333:user/carol"))
                .body("account", equalTo("333333333333")).body("error", nullValue());
    }

    @Test
    void aSignatureScopedToAnotherRegionThanTheEndpointsIsRefused() {
        authorize(request(signed(CAROL, "eu-west-1"), "us-east-1", "iam:ListRoles")).statusCode(200)
                .body("decision", equalTo("Deny")).body("principalArn", nullValue())
                .body("error.code", equalTo("SignatureDoesNotMatch"))
                .body("error.message", startsWith("Credential should be scoped to a valid region"));
        // Control: signed for the endpoint's own region.
        authorize(request(signed(CAROL, "eu-west-1"), "eu-west-1", "iam:ListRoles")).statusCode(200)
                .body("decision", equalTo("Allow"));
    }

    @Test
    void aSignerWithoutThePermissionIsDeniedByName() {
        authorize(request(signed(ALICE, "us-east-1"), "us-east-1", "cloudtrail:LookupEvents")).statusCode(200)
                .body("decision", equalTo("Deny")).body("principalArn", equalTo("arn:aws:iam::333333333333:user/engineering/alice"))
                .body("error", nullValue());
    }

    @Test
    void anUnsignedOrTamperedRequestIsRefusedWithItsAwsError() {
        Map<String, Object> unsigned = signed(CAROL, "us-east-1");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = new LinkedHashMap<>((Map<String, List<String>>) unsigned.get("headers"));
        headers.remove("Authorization");
        unsigned.put("headers", headers);
        authorize(request(unsigned, "us-east-1", "iam:ListRoles")).statusCode(200)
                .body("error.code", equalTo("MissingAuthenticationToken"));
        Map<String, Object> tampered = signed(CAROL, "us-east-1");
        tampered.put("query", "requestId=someone-elses");
        authorize(request(tampered, "us-east-1", "iam:ListRoles")).statusCode(200)
                .body("error.code", equalTo("SignatureDoesNotMatch"));
    }

    @Test
    void refusesAnUnboundedRequestBeforeVerifyingIt() {
        Map<String, Object> forwarded = signed(CAROL, "us-east-1");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = new LinkedHashMap<>((Map<String, List<String>>) forwarded.get("headers"));
        for (int i = 0; i < 64; i++) {
            headers.put("x-padding-" + i, List.of("x"));
        }
        forwarded.put("headers", headers);
        authorize(request(forwarded, "us-east-1", "iam:ListRoles")).statusCode(400)
                .body("error.code", equalTo("ValidationError"));
    }

    private static ValidatableResponse authorize(Map<String, Object> body) {
        return given().header("X-Sts-Authorize-Token", TOKEN).contentType(ContentType.JSON).body(body)
                .post("/v1/authorize/signed-request").then();
    }

    private static Map<String, Object> request(Map<String, Object> forwarded, String region, String action) {
        Map<String, Object> body = new LinkedHashMap<>(forwarded);
        body.put("service", "cloudtrail");
        body.put("region", region);
        body.put("action", action);
        body.put("resource", "*");
        return body;
    }

    /** {@code GET /v1/events?requestId=r-1} to audit-service, signed by the AWS SDK's own signer. */
    private static Map<String, Object> signed(AwsCredentialsIdentity identity, String region) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("http")
                .host("127.0.0.1").port(8092).encodedPath("/v1/events").putRawQueryParameter("requestId", "r-1").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        Map<String, Object> forwarded = new LinkedHashMap<>();
        forwarded.put("method", "GET");
        forwarded.put("path", signed.encodedPath());
        forwarded.put("query", signed.getUri().getRawQuery());
        forwarded.put("headers", signed.headers());
        return forwarded;
    }
}

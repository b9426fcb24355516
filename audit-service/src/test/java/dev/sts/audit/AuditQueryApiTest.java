package dev.sts.audit;

import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * What audit-service's query API decides before it asks policy-service, and that it fails closed when policy-service
 * cannot answer (in this test nothing listens at {@code sts.policy-service-url}). The decisions policy-service makes
 * are AuditQueryEndToEndTest's.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "audit-service"))
class AuditQueryApiTest {
    @Test
    void anUnsignedQueryIsRefusedAsCloudTrailRefusesIt() {
        given().queryParam("requestId", "r-1").get("/v1/events").then().statusCode(403)
                .header("x-amzn-ErrorType", "MissingAuthenticationTokenException")
                .body("__type", equalTo("MissingAuthenticationTokenException"))
                .body("message", equalTo("Missing Authentication Token"));
        // Control: the same query signed passes this check and is refused only because nobody can authorize it.
        signed("requestId=r-1").statusCode(503).body("__type", equalTo("ServiceUnavailableException"));
    }

    @Test
    void aQueryBeyondTheBoundsIsRefusedBeforeItIsForwarded() {
        StringBuilder many = new StringBuilder("requestId=r-1");
        for (int i = 0; i < 16; i++) {
            many.append("&X-Amz-Pad").append(i).append("=x");
        }
        signed(many.toString()).statusCode(400).body("__type", equalTo("ValidationException"));
        signed("requestId=r-1&unknown=1").statusCode(400).body("__type", equalTo("ValidationException"));
        var tooManyHeaders = given();
        for (int i = 0; i < 50; i++) {
            tooManyHeaders = tooManyHeaders.header("x-pad-" + i, "x");
        }
        tooManyHeaders.header("Authorization", "AWS4-HMAC-SHA256 whatever").get("/v1/events").then().statusCode(400)
                .body("__type", equalTo("ValidationException"));
        // Control: within the bounds, the query is forwarded (and fails closed here: nobody can authorize it).
        signed("requestId=r-1&limit=10").statusCode(503);
    }

    private ValidatableResponse signed(String rawQuery) {
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/v1/events?" + rawQuery);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build();
        Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIAEXAMPLE000000001", "secret/000000000000000000000000000001"))
                .request(request).putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
        var spec = given().urlEncodingEnabled(false);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (!header.getKey().equalsIgnoreCase("host")) {
                spec = spec.header(header.getKey(), header.getValue().get(0));
            }
        }
        return spec.get(uri.toString()).then();
    }
}

package dev.sts.policy;

import dev.sts.core.token.AuthorizationMessageCodec;
import dev.sts.core.token.TokenKeyRing;
import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The authorize API as a resource service uses it: forward the signed request, get the decision. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "policy-service"))
class AuthorizeApiTest {
    private static final String TOKEN = "audit-service.test-authorize-token-000000000000000";
    private static final AwsCredentialsIdentity CAROL = AwsCredentialsIdentity.create("AKIATESTCAROL0000003",
            "testCarolSecret/00000000000000000000003");
    private static final AwsCredentialsIdentity ALICE = AwsCredentialsIdentity.create("AKIATESTALICE0000003",
            "testAliceSecret/00000000000000000000003");

    @Test
    void allowsWhatTheSignersPoliciesAllow() {
        authorize(Map.of("signedRequest", signed(CAROL, "iam"), "action", "iam:ListRoles",
                "resource", "arn:aws:iam::333333333333:role/*"))
                .statusCode(200)
                .body("decision", equalTo("Allow"))
                .body("outcome", equalTo("allowed"))
                .body("principal.arn", equalTo("arn:aws:iam::333333333333:user/carol"))
                .body("matchedStatements[0].policy", equalTo("arn:aws:iam::aws:policy/IAMFullAccess"))
                .body("encodedAuthorizationMessage", nullValue());
    }

    @Test
    void explicitDenyWinsAndComesWithADecodableMessage() {
        String encoded = authorize(Map.of("signedRequest", signed(CAROL, "iam"), "action", "iam:DeleteRole",
                "resource", "arn:aws:iam::333333333333:role/Anything"))
                .statusCode(200)
                .body("decision", equalTo("Deny"))
                .body("outcome", equalTo("explicitDeny"))
                .body("matchedStatements[0].sid", equalTo("NeverDeleteRoles"))
                .body("encodedAuthorizationMessage", notNullValue())
                .extract().path("encodedAuthorizationMessage");
        String decoded = new AuthorizationMessageCodec(TokenKeyRing.parse("test:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
                .decode(encoded);
        assertThat(decoded).contains("\"allowed\":false", "\"explicitDeny\":true", "\"action\":\"iam:DeleteRole\"",
                "\"statementId\":\"NeverDeleteRoles\"", "arn:aws:iam::333333333333:user/carol");
    }

    @Test
    void implicitDenyForAPrincipalWithoutPolicies() {
        authorize(Map.of("signedRequest", signed(ALICE, "execute-api"), "action", "execute-api:Invoke",
                "resource", "arn:aws:execute-api:us-east-1:333333333333:api/prod/GET/reports"))
                .statusCode(200)
                .body("decision", equalTo("Deny"))
                .body("outcome", equalTo("implicitDeny"));
    }

    @Test
    void aResourcePolicyCanGrantInTheSameAccount() {
        String bucketPolicy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::333333333333:user/engineering/alice"},
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}""";
        authorize(Map.of("principalArn", "arn:aws:iam::333333333333:user/engineering/alice", "action", "s3:GetObject",
                "resource", "arn:aws:s3:::reports/q4.csv", "resourcePolicy", bucketPolicy))
                .statusCode(200)
                .body("decision", equalTo("Allow"));
    }

    @Test
    void aBrokenSignatureIsReportedWithTheAwsErrorToRelay() {
        Map<String, Object> forged = new LinkedHashMap<>(signed(AwsCredentialsIdentity.create(CAROL.accessKeyId(), "wrong"), "iam"));
        authorize(Map.of("signedRequest", forged, "action", "iam:ListRoles"))
                .statusCode(200)
                .body("decision", equalTo("Deny"))
                .body("error.code", equalTo("SignatureDoesNotMatch"))
                .body("error.httpStatus", equalTo(403));
    }

    @Test
    void refusesCallersWithoutAnAuthorizeCredentialAndMalformedQueries() {
        given().contentType(ContentType.JSON).body(Map.of("principalArn", "arn:aws:iam::333333333333:root", "action", "s3:GetObject"))
                .post("/v1/authorize").then().statusCode(401);
        authorize(Map.of("principalArn", "arn:aws:iam::333333333333:root", "action", "not an action"))
                .statusCode(400).body("error.code", equalTo("ValidationError"));
        authorize(Map.of("principalArn", "arn:aws:iam::333333333333:root", "action", "s3:GetObject"))
                .statusCode(200).body("decision", equalTo("Allow"));
    }

    @Test
    void aContextKeyThePlatformDerivesIsRefusedWhileServiceKeysPassThrough() {
        for (String derived : List.of("aws:TokenIssueTime", "aws:MultiFactorAuthPresent", "AWS:multifactorauthage",
                "aws:PrincipalArn", "aws:PrincipalTag/access", "aws:userid", "aws:SourceIp", "aws:CurrentTime",
                "sts:ExternalId", "sts:SourceIdentity")) {
            authorize(Map.of("signedRequest", signed(CAROL, "s3"), "action", "s3:ListBucket",
                    "resource", "arn:aws:s3:::reports", "resourcePolicy", PREFIX_POLICY,
                    "context", Map.of(derived, List.of("true"))))
                    .statusCode(400)
                    .body("decision", equalTo("Deny"))
                    .body("error.code", equalTo("ValidationError"))
                    .body("error.message", equalTo("context key " + derived + " is derived by the platform from the "
                            + "authenticated caller and cannot be supplied"));
        }
        // Positive control, the same request with keys only the resource service knows: they are used as given.
        authorize(Map.of("signedRequest", signed(CAROL, "s3"), "action", "s3:ListBucket", "resource", "arn:aws:s3:::reports",
                "resourcePolicy", PREFIX_POLICY, "context", Map.of("s3:prefix", List.of("reports/"),
                        "aws:ResourceTag/team", List.of("data"), "aws:SecureTransport", List.of("true"),
                        "iam:PermissionsBoundary", List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"))))
                .statusCode(200).body("decision", equalTo("Allow"));
        authorize(Map.of("signedRequest", signed(CAROL, "s3"), "action", "s3:ListBucket", "resource", "arn:aws:s3:::reports",
                "resourcePolicy", PREFIX_POLICY, "context", Map.of("s3:prefix", List.of("secrets/"))))
                .statusCode(200).body("decision", equalTo("Deny"));
    }

    private static final String PREFIX_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::333333333333:user/carol"},"Action":"s3:ListBucket",
             "Resource":"arn:aws:s3:::reports","Condition":{"StringEquals":{"s3:prefix":"reports/"}}}]}""";

    private static ValidatableResponse authorize(Map<String, Object> body) {
        return given().header("X-Sts-Authorize-Token", TOKEN).contentType(ContentType.JSON).body(body)
                .post("/v1/authorize").then();
    }

    /** A request to a resource service, signed by the AWS SDK's own signer, in the forwarded shape. */
    private static Map<String, Object> signed(AwsCredentialsIdentity identity, String service) {
        byte[] body = "{\"report\":\"q4\"}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("https")
                .host("reports.internal.example").encodedPath("/prod/reports").putRawQueryParameter("format", "csv")
                .putHeader("Content-Type", "application/json").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        Map<String, Object> forwarded = new LinkedHashMap<>();
        forwarded.put("method", "POST");
        forwarded.put("path", signed.encodedPath());
        forwarded.put("query", signed.getUri().getRawQuery());
        forwarded.put("headers", signed.headers());
        forwarded.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        forwarded.put("service", service);
        return forwarded;
    }
}

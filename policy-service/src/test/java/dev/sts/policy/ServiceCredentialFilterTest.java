package dev.sts.policy;

import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * policy-service's one credential filter: each private path answers only its own scope's credentials, every
 * refusal is audited without the token, and the admin API and health live on the management port only.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "policy-service"))
class ServiceCredentialFilterTest {
    static final String KEY_RESOLUTION = "token-service.test-key-resolution-token-000000000000";
    static final String ADMIN = "operator.test-admin-token-00000000000000000000000";
    static final String AUTHORIZE = "audit-service.test-authorize-token-000000000000000";
    private static final String KEY_PATH = "/internal/v1/access-keys/AKIATESTALICE0000003/signing-key?date="
            + dev.sts.core.sigv4.CredentialScope.at(java.time.Instant.now(), "us-east-1", "sts").date()
            + "&region=us-east-1&service=sts";
    private static final Map<String, Object> QUERY = Map.of("principalArn", "arn:aws:iam::333333333333:root",
            "action", "s3:GetObject");

    @Test
    void keyResolutionAnswersOnlyTheKeyResolutionCredential() {
        given().header("X-Sts-Internal-Token", KEY_RESOLUTION).get(KEY_PATH).then().statusCode(200);
        given().get(KEY_PATH).then().statusCode(401).body("code", equalTo("MissingCredential"));
        given().header("X-Sts-Internal-Token", KEY_RESOLUTION.replace("token-000", "token-001")).get(KEY_PATH)
                .then().statusCode(401).body("code", equalTo("InvalidCredential"));
        given().header("X-Sts-Internal-Token", AUTHORIZE).get(KEY_PATH).then().statusCode(403).body("code", equalTo("WrongScope"));
        given().header("X-Sts-Internal-Token", ADMIN).get(KEY_PATH).then().statusCode(403);
        // Any path under the prefix, in any spelling a router could take for it, needs the credential.
        for (String path : new String[] {"/internal/v2/anything", "/internal", "//internal/v1/access-keys/x",
                "/INTERNAL/v1/access-keys/x", "/internal;a=b/v1/access-keys/x", "/%69nternal/v1/access-keys/x",
                "/v1/../internal/v1/access-keys/x"}) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(401);
        }
    }

    @Test
    void authorizeAnswersAuthorizeClientsOnlyAndARevokedClientAtOnce() {
        authorize(given().header("X-Sts-Authorize-Token", AUTHORIZE)).statusCode(200).body("decision", equalTo("Allow"));
        authorize(given().header("X-Sts-Authorize-Token", KEY_RESOLUTION)).statusCode(403).body("code", equalTo("WrongScope"));
        authorize(given().header("X-Sts-Internal-Token", KEY_RESOLUTION)).statusCode(401);
        authorize(given().header("X-Sts-Authorize-Token", ADMIN)).statusCode(403);
        given().header("X-Sts-Authorize-Token", "x").post("/v1/authorize/anything").then().statusCode(401);

        String first = "orders-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "billing-" + UUID.randomUUID().toString().substring(0, 8);
        String firstToken = create(first);
        String secondToken = create(second);
        assertThat(firstToken).startsWith(first + ".");
        authorize(given().header("X-Sts-Authorize-Token", firstToken)).statusCode(200);
        authorize(given().header("X-Sts-Authorize-Token", secondToken)).statusCode(200);
        // Listed by name, never with a secret.
        String listing = management().header("X-Sts-Admin-Token", ADMIN).get("/admin/v1/authorize-clients")
                .then().statusCode(200).body("created", hasItem(first)).body("configured", hasItem("audit-service"))
                .extract().asString();
        assertThat(listing).doesNotContain(firstToken.substring(first.length() + 1));
        // A name is taken once; a client from configuration cannot be shadowed or revoked through the API.
        management().header("X-Sts-Admin-Token", ADMIN).contentType(ContentType.JSON).body(Map.of("name", first))
                .post("/admin/v1/authorize-clients").then().statusCode(409);
        management().header("X-Sts-Admin-Token", ADMIN).delete("/admin/v1/authorize-clients/audit-service")
                .then().statusCode(409);

        management().header("X-Sts-Admin-Token", ADMIN).delete("/admin/v1/authorize-clients/" + first).then().statusCode(200);
        authorize(given().header("X-Sts-Authorize-Token", firstToken)).statusCode(401).body("code", equalTo("InvalidCredential"));
        authorize(given().header("X-Sts-Authorize-Token", secondToken)).statusCode(200);
        // The same name with the secret of another client is not that client.
        char last = secondToken.charAt(secondToken.length() - 1);
        String altered = secondToken.substring(0, secondToken.length() - 1) + (last == 'A' ? 'B' : 'A');
        authorize(given().header("X-Sts-Authorize-Token", altered)).statusCode(401);
    }

    @Test
    void theAdminApiAnswersOnlyTheAdminCredentialAndOnlyOnTheManagementPort() {
        management().header("X-Sts-Admin-Token", ADMIN).get("/admin/v1/authorize-clients").then().statusCode(200);
        management().get("/admin/v1/authorize-clients").then().statusCode(401);
        management().header("X-Sts-Admin-Token", AUTHORIZE).get("/admin/v1/authorize-clients").then().statusCode(403);
        management().header("X-Sts-Admin-Token", KEY_RESOLUTION).contentType(ContentType.JSON)
                .body(Map.of("name", "sneaky")).post("/admin/v1/authorize-clients").then().statusCode(403);
        management().header("X-Sts-Admin-Token", AUTHORIZE).post("/admin/v1/secrets/rewrap").then().statusCode(403);
        management().header("X-Sts-Admin-Token", ADMIN).contentType(ContentType.JSON).body("{\"name\":\"Bad Name\"}")
                .post("/admin/v1/authorize-clients").then().statusCode(400);
        management().get("/q/health").then().statusCode(200);

        given().header("X-Sts-Admin-Token", ADMIN).get("/admin/v1/authorize-clients").then().statusCode(404);
        given().get("/q/health").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void aRefusalIsAuditedWithPathScopeAndNameButNeverTheToken() {
        String marker = "/internal/v1/access-keys/AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        given().header("X-Sts-Internal-Token", AUTHORIZE).get(marker).then().statusCode(403);
        String event = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1",
                record -> record.value().contains(marker), Duration.ofSeconds(20)).value();
        assertThat(event).contains("\"eventName\":\"ServiceCredentialRefused\"", "\"scope\":\"key-resolution\"",
                "\"credentialName\":\"audit-service\"", "\"errorCode\":\"WrongScope\"", "\"sourceIPAddress\":\"127.0.0.1\"")
                .doesNotContain("test-authorize-token");
    }

    private static io.restassured.response.ValidatableResponse authorize(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body(QUERY).post("/v1/authorize").then();
    }

    private static String create(String name) {
        return management().header("X-Sts-Admin-Token", ADMIN).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/admin/v1/authorize-clients").then().statusCode(201)
                .body("name", equalTo(name)).body("token", startsWith(name + ".")).body("header", not(equalTo("")))
                .extract().path("token");
    }

    static RequestSpecification management() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return given().port(port);
    }
}

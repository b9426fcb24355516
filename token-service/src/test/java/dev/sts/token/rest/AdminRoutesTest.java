package dev.sts.token.rest;

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

/** token-service's admin API: on the management port only, for the admin credential only, every refusal audited. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "token-service"))
class AdminRoutesTest {
    private static final String ADMIN = "operator.test-admin-token-00000000000000000000000";
    private static final String KEY_RESOLUTION = "token-service.test-key-resolution-token-000000000000";

    @Test
    void revocationsAnswerTheAdminCredentialOnTheManagementPortOnly() {
        Map<String, String> body = Map.of("roleArn", "arn:aws:iam::333333333333:role/admin-test-" + UUID.randomUUID());
        management().header("X-Sts-Admin-Token", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/admin/v1/revocations").then().statusCode(200).body("scope", equalTo("ROLE"));
        management().contentType(ContentType.JSON).body(body).post("/admin/v1/revocations").then().statusCode(401)
                .body("code", equalTo("MissingCredential"));
        management().header("X-Sts-Admin-Token", ADMIN + "x").contentType(ContentType.JSON).body(body)
                .post("/admin/v1/revocations").then().statusCode(401);
        // This service knows no other scope's credentials: its own key-resolution token is just unknown here.
        management().header("X-Sts-Admin-Token", KEY_RESOLUTION).contentType(ContentType.JSON).body(body)
                .post("/admin/v1/revocations").then().statusCode(401);
        management().header("X-Sts-Admin-Token", ADMIN).contentType(ContentType.JSON).body("{\"roleArn\":1,\"x\":2}")
                .post("/admin/v1/revocations").then().statusCode(400);

        given().header("X-Sts-Admin-Token", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/admin/v1/revocations").then().statusCode(404);
        for (String path : new String[] {"/ADMIN/v1/revocations", "//admin/v1/revocations", "/admin;x/v1/revocations"}) {
            given().urlEncodingEnabled(false).header("X-Sts-Admin-Token", ADMIN).contentType(ContentType.JSON).body(body)
                    .post(path).then().statusCode(404);
        }
        given().get("/q/health").then().statusCode(404);
        management().get("/q/health").then().statusCode(200);
    }

    @Test
    void theAdminApiAnswersOverHttp2AsOverHttp1() throws Exception {
        // java.net.http upgrades to h2c: a small request then arrives whole before any handler runs.
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        String body = "{\"roleArn\":\"arn:aws:iam::333333333333:role/h2-" + UUID.randomUUID() + "\"}";
        for (int i = 0; i < 2; i++) {
            java.net.http.HttpResponse<String> granted = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + managementPort() + "/admin/v1/revocations"))
                    .header("Content-Type", "application/json").header("X-Sts-Admin-Token", ADMIN)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
            java.net.http.HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + managementPort() + "/admin/v1/revocations"))
                    .header("Content-Type", "application/json").header("X-Sts-Admin-Token", KEY_RESOLUTION)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        }
    }

    @Test
    void aRefusalIsAuditedWithoutTheToken() {
        String marker = "/admin/v1/" + UUID.randomUUID();
        management().header("X-Sts-Admin-Token", "operator.wrong-token-wrong-token-wrong-token-wrong").post(marker)
                .then().statusCode(401).body("code", equalTo("InvalidCredential"));
        String event = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1",
                record -> record.value().contains(marker), Duration.ofSeconds(20)).value();
        assertThat(event).contains("\"eventName\":\"ServiceCredentialRefused\"", "\"scope\":\"admin\"",
                "\"errorCode\":\"InvalidCredential\"").doesNotContain("wrong-token");
    }

    private static RequestSpecification management() {
        return given().port(managementPort());
    }

    private static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}

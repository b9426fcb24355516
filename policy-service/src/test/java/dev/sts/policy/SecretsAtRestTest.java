package dev.sts.policy;

import dev.sts.core.sigv4.CredentialScope;
import dev.sts.core.sigv4.SigningKeys;
import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/** Access-key secrets sealed in real Redis under sts.kek, legacy plaintext records sealed by the rewrap. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "policy-service"))
class SecretsAtRestTest {
    private static final String TOKEN = "token-service.test-key-resolution-token-000000000000";
    private static final String ADMIN = "operator.test-admin-token-00000000000000000000000";
    private static final String ALICE_SECRET = "testAliceSecret/00000000000000000000003";
    private static final String LEGACY_ID = "AKIATESTLEGACY000003";
    private static final String LEGACY_SECRET = "legacyPlaintextSecret/000000000000000003";
    private static final String LEGACY_INDEX = "iam:access-keys:333333333333:<root>";
    private static final CredentialScope SCOPE = CredentialScope.at(Instant.now(), "us-east-1", "sts");

    @Inject
    RedisDataSource redis;

    @Test
    void aBootstrappedSecretIsSealedInRedisAndStillResolves() {
        String raw = redis.value(String.class).get("iam:access-key:AKIATESTALICE0000003");

        assertThat(raw).contains("AKIATESTALICE0000003").contains("\"secretAccessKey\":\"v1:test:").doesNotContain(ALICE_SECRET);
        assertResolvesTo("AKIATESTALICE0000003", ALICE_SECRET);
    }

    @Test
    void theRewrapSealsALegacyPlaintextRecordWhichKeepsWorking() {
        String key = "iam:access-key:" + LEGACY_ID;
        redis.value(String.class).set(key, "{\"accessKeyId\":\"" + LEGACY_ID + "\",\"secretAccessKey\":\"" + LEGACY_SECRET
                + "\",\"status\":\"Active\",\"account\":\"333333333333\",\"userName\":null,\"createDate\":\"2026-01-01T00:00:00Z\"}");
        redis.set(String.class).sadd(LEGACY_INDEX, LEGACY_ID);
        try {
            assertResolvesTo(LEGACY_ID, LEGACY_SECRET);

            ServiceCredentialFilterTest.management().header("X-Sts-Admin-Token", ADMIN).post("/admin/v1/secrets/rewrap")
                    .then().statusCode(200)
                    .body("activeKeyId", equalTo("test"))
                    .body("sealed", greaterThanOrEqualTo(1))
                    .body("unreadable", equalTo(0));

            assertThat(redis.value(String.class).get(key)).contains(LEGACY_ID).doesNotContain(LEGACY_SECRET);
            assertResolvesTo(LEGACY_ID, LEGACY_SECRET);
        } finally {
            redis.key().del(key);
            redis.set(String.class).srem(LEGACY_INDEX, LEGACY_ID);
        }
    }

    @Test
    void theRewrapAnswersOnlyTheAdminCredentialOnTheManagementPort() {
        ServiceCredentialFilterTest.management().post("/admin/v1/secrets/rewrap").then().statusCode(401);
        ServiceCredentialFilterTest.management().header("X-Sts-Admin-Token", ADMIN + "x").post("/admin/v1/secrets/rewrap")
                .then().statusCode(401);
        ServiceCredentialFilterTest.management().header("X-Sts-Admin-Token", TOKEN).post("/admin/v1/secrets/rewrap")
                .then().statusCode(403);
        given().header("X-Sts-Admin-Token", ADMIN).post("/admin/v1/secrets/rewrap").then().statusCode(404);
        ServiceCredentialFilterTest.management().header("X-Sts-Admin-Token", ADMIN).post("/admin/v1/secrets/rewrap")
                .then().statusCode(200).body("unreadable", equalTo(0)); // positive control
    }

    @Test
    void aSecretCopiedIntoAnotherRecordDoesNotResolve() {
        String alice = redis.value(String.class).get("iam:access-key:AKIATESTALICE0000003");
        String sealed = alice.replaceAll(".*\"secretAccessKey\":\"([^\"]+)\".*", "$1");
        String key = "iam:access-key:" + LEGACY_ID;
        redis.value(String.class).set(key, "{\"accessKeyId\":\"" + LEGACY_ID + "\",\"secretAccessKey\":\"" + sealed
                + "\",\"status\":\"Active\",\"account\":\"333333333333\",\"userName\":null,\"createDate\":\"2026-01-01T00:00:00Z\"}");
        try {
            signingKey(LEGACY_ID).statusCode(404);
            signingKey("AKIATESTALICE0000003").statusCode(200); // positive control: the same value opens in its own record
        } finally {
            redis.key().del(key);
        }
    }

    /** Key resolution answers the signing key derived from {@code secret}: the record's secret opened. */
    private static void assertResolvesTo(String accessKeyId, String secret) {
        String key = signingKey(accessKeyId).statusCode(200).extract().jsonPath().getString("signingKey");
        assertThat(Base64.getDecoder().decode(key)).isEqualTo(SigningKeys.derive(secret, SCOPE));
    }

    private static ValidatableResponse signingKey(String accessKeyId) {
        return given().header("X-Sts-Internal-Token", TOKEN).queryParam("date", SCOPE.date())
                .queryParam("region", SCOPE.region()).queryParam("service", SCOPE.service())
                .get("/internal/v1/access-keys/" + accessKeyId + "/signing-key").then();
    }
}

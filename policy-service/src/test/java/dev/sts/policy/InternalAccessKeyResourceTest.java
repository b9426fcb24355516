package dev.sts.policy;

import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** The bootstrap file is seeded into real Redis and served, secrets and all, only to internal callers. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL)
class InternalAccessKeyResourceTest {
    private static final String TOKEN = "token-service.test-key-resolution-token-000000000000";

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void resolvesABootstrappedUserKeyWithItsOwner() {
        given().header("X-Sts-Internal-Token", TOKEN)
                .get("/internal/v1/access-keys/AKIATESTALICE0000003")
                .then().statusCode(200)
                .body("secretAccessKey", equalTo("testAliceSecret/00000000000000000000003"))
                .body("active", equalTo(true))
                .body("account", equalTo("333333333333"))
                .body("arn", equalTo("arn:aws:iam::333333333333:user/engineering/alice"))
                .body("userId", matchesPattern("AIDA[A-Z2-7]{17}"))
                .body("type", equalTo("IAM_USER"));
    }

    @Test
    void resolvesARootKeyToTheAccountRoot() {
        given().header("X-Sts-Internal-Token", TOKEN)
                .get("/internal/v1/access-keys/AKIATESTROOT00000003")
                .then().statusCode(200)
                .body("arn", equalTo("arn:aws:iam::333333333333:root"))
                .body("userId", equalTo("333333333333"))
                .body("type", equalTo("ROOT"));
    }

    @Test
    void refusesCallersWithoutTheKeyResolutionCredential() {
        given().get("/internal/v1/access-keys/AKIATESTALICE0000003").then().statusCode(401);
        given().header("X-Sts-Internal-Token", TOKEN + "x")
                .get("/internal/v1/access-keys/AKIATESTALICE0000003").then().statusCode(401);
        // An authorize credential is a live credential of another scope: 403, whatever the header.
        given().header("X-Sts-Internal-Token", "audit-service.test-authorize-token-000000000000000")
                .get("/internal/v1/access-keys/AKIATESTALICE0000003").then().statusCode(403)
                .body("code", equalTo("WrongScope"));
    }

    @Test
    void unknownKeyIsNotFound() {
        given().header("X-Sts-Internal-Token", TOKEN)
                .get("/internal/v1/access-keys/AKIANOSUCHKEY0000003").then().statusCode(404);
    }

    @Test
    void stateLivesInRedis() {
        assertThat(redis.key().exists("iam:access-key:AKIATESTALICE0000003")).isTrue();
        assertThat(redis.key().exists("iam:user:333333333333:alice")).isTrue();
        assertThat(redis.key().exists("iam:account:333333333333")).isTrue();
    }

    @Test
    void seedingPublishesChangeEvents() {
        String change = new KafkaTopicReader(kafka).awaitRecord("iam.changes.v1",
                record -> record.value().contains("\"name\":\"AKIATESTALICE0000003\""), Duration.ofSeconds(20)).value();
        assertThat(change).contains("\"kind\":\"ACCESS_KEY\"", "\"account\":\"333333333333\"").doesNotContain("Secret");
    }
}

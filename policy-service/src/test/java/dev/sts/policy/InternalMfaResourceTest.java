package dev.sts.policy;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.core.mfa.Totp;
import dev.sts.policy.rest.InternalMfaResource;
import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** policy-service judges MFA codes for token-service: whose device, enabled or not, the step; never the seed. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "policy-service"))
class InternalMfaResourceTest {
    private static final String TOKEN = "token-service.test-key-resolution-token-000000000000";
    private static final String ACCOUNT = "333333333333";

    @Inject
    IamRepository iam;

    private final Totp totp = new Totp();

    @Test
    void answersTheOwnerAndTheStepOfARightCodeAndNoStepForAWrongOne() {
        String seed = Totp.newBase32Seed();
        String serial = device(seed, "alice");
        Instant now = Instant.now();
        String body = check(serial, totp.codeAt(seed, now)).statusCode(200)
                .body("account", equalTo(ACCOUNT))
                .body("serialNumber", equalTo(serial))
                .body("userName", equalTo("alice"))
                .body("enabled", equalTo(true))
                .extract().asString();
        assertThat(body).doesNotContain(seed).doesNotContainIgnoringCase("seed");
        long step = given().header("X-Sts-Internal-Token", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", serial, "tokenCode", totp.codeAt(seed, now)))
                .post("/internal/v1/mfa-code-checks").jsonPath().getLong("step");
        assertThat(Math.abs(step - Totp.stepOf(now))).isLessThanOrEqualTo(1);
        String wrong = totp.codeAtStep(seed, Totp.stepOf(now) + 5);
        check(serial, wrong).statusCode(200).body("step", nullValue()).body("userName", equalTo("alice"));
    }

    @Test
    void pastTheBackstopEvenTheRightCodeHasNoStepWhileAnotherDeviceStillAnswers() {
        String seed = Totp.newBase32Seed();
        String serial = device(seed, "alice");
        String other = Totp.newBase32Seed();
        String otherSerial = device(other, "alice");
        Instant now = Instant.now();
        String wrong = totp.codeAtStep(seed, Totp.stepOf(now) + 5);
        // Right codes are forgiven: they never bring a device nearer the backstop.
        for (int i = 0; i < InternalMfaResource.BACKSTOP.maxFailures() + 5; i++) {
            check(serial, totp.codeAt(seed, Instant.now())).statusCode(200).body("step", notNullValue());
        }
        for (int i = 0; i < InternalMfaResource.BACKSTOP.maxFailures(); i++) {
            check(serial, wrong).statusCode(200).body("step", nullValue());
        }
        check(serial, totp.codeAt(seed, Instant.now())).statusCode(200).body("step", nullValue())
                .body("userName", equalTo("alice"));
        // Control: the same right-code check on another device is still answered with its step.
        check(otherSerial, totp.codeAt(other, Instant.now())).statusCode(200).body("step", notNullValue());
    }

    @Test
    void aDeviceNotEnabledSaysSo() {
        String seed = Totp.newBase32Seed();
        String serial = device(seed, null);
        check(serial, totp.codeAt(seed, Instant.now())).statusCode(200)
                .body("enabled", equalTo(false)).body("userName", nullValue());
    }

    @Test
    void anUnknownDeviceIsNotFound() {
        String seed = Totp.newBase32Seed();
        check(device(seed, "alice"), "123456").statusCode(200);
        check("arn:aws:iam::" + ACCOUNT + ":mfa/nosuch-" + UUID.randomUUID(), "123456").statusCode(404);
    }

    @Test
    void refusesMalformedSerialNumbersAndCodes() {
        String seed = Totp.newBase32Seed();
        String serial = device(seed, "alice");
        check(serial, "123456").statusCode(200);
        check(serial, "12345").statusCode(400);
        check(serial, "1234567").statusCode(400);
        check(serial, "12345x").statusCode(400);
        check("GAHT12345678", "123456").statusCode(400);
        check("arn:aws:iam::" + ACCOUNT + ":user/alice", "123456").statusCode(400);
        check("arn:aws:iam::" + ACCOUNT + ":mfa/" + "a".repeat(227), "123456").statusCode(400);
        given().header("X-Sts-Internal-Token", TOKEN).contentType(ContentType.JSON).body("{}")
                .post("/internal/v1/mfa-code-checks").then().statusCode(400);
    }

    @Test
    void refusesCallersWithoutTheKeyResolutionCredential() {
        String seed = Totp.newBase32Seed();
        String serial = device(seed, "alice");
        check(serial, "123456").statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("serialNumber", serial, "tokenCode", "123456"))
                .post("/internal/v1/mfa-code-checks").then().statusCode(401);
        given().header("X-Sts-Internal-Token", TOKEN + "x").contentType(ContentType.JSON)
                .body(Map.of("serialNumber", serial, "tokenCode", "123456"))
                .post("/internal/v1/mfa-code-checks").then().statusCode(401);
    }

    private String device(String seed, String user) {
        String serial = "arn:aws:iam::" + ACCOUNT + ":mfa/test/" + UUID.randomUUID();
        Instant now = Instant.now();
        iam.createMfaDevice(new VirtualMfaDevice(ACCOUNT, serial, seed, user, user == null ? null : now, now));
        return serial;
    }

    private static ValidatableResponse check(String serial, String code) {
        return given().header("X-Sts-Internal-Token", TOKEN).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", serial, "tokenCode", code))
                .post("/internal/v1/mfa-code-checks").then();
    }
}

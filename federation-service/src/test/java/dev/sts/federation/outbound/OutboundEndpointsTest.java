package dev.sts.federation.outbound;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sts.core.federation.OutboundFederation;
import dev.sts.core.store.CachingKeyValueStore;
import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * federation-service's outbound side over real HTTP, Redis and Kafka: the public discovery document and JWKS of an
 * account's issuer, and the internal API that signs GetWebIdentityToken's JWT, verified here against the JWKS as a
 * relying party would, with its refusals each beside a positive control made the same way.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "federation-service"))
class OutboundEndpointsTest {
    private static final String CREDENTIAL_HEADER = "X-Sts-Federation-Token";
    private static final String CREDENTIAL = "token-service.test-federation-token-0000000000000";

    @Inject
    CachingKeyValueStore iamView;

    private IamStateWriter iam;

    @BeforeEach
    void writer() {
        iam = new IamStateWriter(() -> iamView.invalidateAll());
    }

    private static String path(OutboundFederation federation, String document) {
        return "/outbound/" + OutboundIssuers.issuerId(federation.issuerIdentifier()) + "/.well-known/" + document;
    }

    private static Response sign(String body) {
        return given().header(CREDENTIAL_HEADER, CREDENTIAL).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/web-identity-tokens");
    }

    private static String request(String account, String algorithm, String audiences, String extra) {
        return "{\"account\":\"" + account + "\",\"principalArn\":\"arn:aws:iam::" + account + ":role/Builder\","
                + "\"principalId\":\"AROAEXAMPLE0000000001\",\"audiences\":" + audiences + ",\"signingAlgorithm\":\""
                + algorithm + "\",\"durationSeconds\":300" + extra + "}";
    }

    @Test
    void theDiscoveryDocumentNamesTheIssuerItsJwksAndAlgorithms() {
        OutboundFederation federation = iam.enableOutbound(IamStateWriter.randomAccount());

        Response response = given().get(path(federation, "openid-configuration"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("max-age=300");
        Map<String, Object> document = response.jsonPath().getMap("");
        assertThat(document).containsEntry("issuer", federation.issuerIdentifier())
                .containsEntry("jwks_uri", federation.issuerIdentifier() + "/.well-known/jwks.json")
                .containsEntry("id_token_signing_alg_values_supported", List.of("RS256", "ES384"))
                .containsEntry("response_types_supported", List.of("id_token"))
                .containsEntry("subject_types_supported", List.of("public"))
                .containsKey("claims_supported");
    }

    @Test
    void theJwksPublishesPublicKeysOnly() {
        OutboundFederation federation = iam.enableOutbound(IamStateWriter.randomAccount());

        Response response = given().get(path(federation, "jwks.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("max-age=300");
        List<Map<String, Object>> keys = response.jsonPath().getList("keys");
        assertThat(keys).anySatisfy(key -> assertThat(key).containsEntry("kty", "RSA").containsEntry("alg", "RS256")
                .containsEntry("use", "sig").containsKeys("kid", "n", "e"));
        assertThat(keys).anySatisfy(key -> assertThat(key).containsEntry("kty", "EC").containsEntry("alg", "ES384")
                .containsEntry("crv", "P-384").containsEntry("use", "sig").containsKeys("kid", "x", "y"));
        assertThat(keys).allSatisfy(key -> assertThat(key).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth"));
    }

    @Test
    void anIssuerIdNoAccountHasIsNotFound() {
        OutboundFederation federation = iam.enableOutbound(IamStateWriter.randomAccount());
        String known = OutboundIssuers.issuerId(federation.issuerIdentifier());
        String unknown = known.substring(0, 31) + (known.charAt(31) == '0' ? '1' : '0');

        assertThat(given().get("/outbound/" + known + "/.well-known/jwks.json").statusCode()).as("control").isEqualTo(200);
        assertThat(given().get("/outbound/" + unknown + "/.well-known/jwks.json").statusCode()).isEqualTo(404);
        assertThat(given().get("/outbound/" + unknown + "/.well-known/openid-configuration").statusCode()).isEqualTo(404);
        assertThat(given().get("/outbound/" + known + "%2E%2E/.well-known/jwks.json").statusCode()).isEqualTo(404);
    }

    @Inject
    OutboundIssuers issuers;

    @Test
    void theInboundSideCanTellThisPlatformsOutboundIssuers() {
        OutboundFederation federation = iam.enableOutbound(IamStateWriter.randomAccount());

        assertThat(issuers.issuedHere(federation.issuerIdentifier())).isTrue();
        assertThat(issuers.issuedHere(federation.issuerIdentifier() + "/")).isFalse();
        assertThat(issuers.issuedHere("https://evil.example/outbound/" + OutboundIssuers.issuerId(federation.issuerIdentifier())))
                .isFalse();
        assertThat(issuers.issuedHere("https://token.actions.githubusercontent.com")).isFalse();
    }

    @Test
    void signedTokensVerifyAgainstThePublishedJwksWithAwsClaims() throws Exception {
        String account = IamStateWriter.randomAccount();
        OutboundFederation federation = iam.enableOutbound(account);

        for (String algorithm : List.of("RS256", "ES384")) {
            Response response = sign(request(account, algorithm, "[\"https://api.example.com\"]",
                    ",\"tags\":[{\"key\":\"team\",\"value\":\"data\"}]"));
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            String token = response.jsonPath().getString("token");
            Instant expiration = Instant.parse(response.jsonPath().getString("expiration"));

            SignedJWT jwt = SignedJWT.parse(token);
            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(algorithm);
            assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
            JWKSet published = JWKSet.parse(given().get(path(federation, "jwks.json")).asString());
            JWK key = published.getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(key).as("the token's kid is published").isNotNull();
            JWSVerifier verifier = algorithm.equals("RS256") ? new RSASSAVerifier(key.toRSAKey()) : new ECDSAVerifier(key.toECKey());
            assertThat(jwt.verify(verifier)).isTrue();

            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(federation.issuerIdentifier());
            assertThat(claims.getSubject()).isEqualTo("arn:aws:iam::" + account + ":role/Builder");
            assertThat(claims.toJSONObject().get("aud")).as("one audience: a string").isEqualTo("https://api.example.com");
            assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expiration);
            assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
            assertThat(claims.getJWTID()).isNotBlank();
            Map<String, Object> aws = claims.getJSONObjectClaim(WebIdentityTokenIssuer.NAMESPACE);
            assertThat(aws).containsEntry("aws_account", account)
                    .containsEntry("principal_id", "arn:aws:iam::" + account + ":role/Builder")
                    .containsEntry("request_tags", Map.of("team", "data"));
        }
    }

    @Test
    void tokensVerifyWithAnIndependentLibrary() throws Exception {
        String account = IamStateWriter.randomAccount();
        OutboundFederation federation = iam.enableOutbound(account);
        String jwks = given().get(path(federation, "jwks.json")).asString();

        for (String algorithm : List.of("RS256", "ES384")) {
            String token = sign(request(account, algorithm, "[\"https://api.example.com\"]", "")).jsonPath().getString("token");
            PythonVerdict verdict = verifyWithPython(token, jwks);
            assertThat(verdict.exitCode()).as(verdict.output()).isZero();
            assertThat(verdict.output()).contains("\"iss\": \"" + federation.issuerIdentifier() + "\"");

            String[] parts = token.split("\\.");
            String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"iss\":\"" + federation.issuerIdentifier() + "\",\"sub\":\"arn:aws:iam::" + account + ":root\"}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            PythonVerdict tampered = verifyWithPython(parts[0] + "." + otherPayload + "." + parts[2], jwks);
            assertThat(tampered.exitCode()).as("the same check refuses a changed payload").isNotZero();
            assertThat(tampered.output()).contains("invalid signature");
        }
    }

    private record PythonVerdict(int exitCode, String output) {
    }

    /** Runs {@code verify_jwt.py}: Python's {@code cryptography}, not Nimbus, checks the signature. */
    private static PythonVerdict verifyWithPython(String token, String jwks) throws Exception {
        java.nio.file.Path script = java.nio.file.Path.of("src/test/resources/verify_jwt.py").toAbsolutePath();
        Process process = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(("{\"token\": \"" + token + "\", \"jwks\": " + jwks + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new PythonVerdict(process.waitFor(), output);
    }

    @Test
    void severalAudiencesBecomeAList() throws Exception {
        String account = IamStateWriter.randomAccount();
        iam.enableOutbound(account);

        Response response = sign(request(account, "ES384", "[\"a.example\",\"b.example\"]", ""));

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = SignedJWT.parse(response.jsonPath().getString("token")).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("a.example", "b.example");
        assertThat(claims.getJSONObjectClaim(WebIdentityTokenIssuer.NAMESPACE)).doesNotContainKey("request_tags");
    }

    @Test
    void anAccountWithoutOutboundFederationIsRefused() {
        String enabled = IamStateWriter.randomAccount();
        iam.enableOutbound(enabled);
        String disabled = IamStateWriter.randomAccount();

        assertThat(sign(request(enabled, "RS256", "[\"x\"]", "")).statusCode()).as("control").isEqualTo(200);
        Response refused = sign(request(disabled, "RS256", "[\"x\"]", ""));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("code")).isEqualTo("OutboundWebIdentityFederationDisabledException");
    }

    @Test
    void anOversizedPayloadIsRefused() {
        String account = IamStateWriter.randomAccount();
        iam.enableOutbound(account);

        Response fits = sign(request(account, "RS256", "[\"x\"]", ",\"tags\":" + tags(20)));
        assertThat(fits.statusCode()).as("control: 20 long tags fit").isEqualTo(200);
        Response refused = sign(request(account, "RS256", "[\"x\"]", ",\"tags\":" + tags(50)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.jsonPath().getString("code")).isEqualTo("JWTPayloadSizeExceededException");
    }

    @Test
    void aTokenOutlivingTheCallersSessionIsRefused() {
        String account = IamStateWriter.randomAccount();
        iam.enableOutbound(account);

        Response within = sign(request(account, "ES384", "[\"x\"]",
                ",\"sessionExpiresAt\":\"" + Instant.now().plusSeconds(900) + "\""));
        assertThat(within.statusCode()).as("control: the session outlives the token").isEqualTo(200);
        Response refused = sign(request(account, "ES384", "[\"x\"]",
                ",\"sessionExpiresAt\":\"" + Instant.now().plusSeconds(200) + "\""));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("code")).isEqualTo("SessionDurationEscalationException");
    }

    @Test
    void requestsOutsideTheLimitsOrWithUnknownFieldsAreRefused() {
        String account = IamStateWriter.randomAccount();
        iam.enableOutbound(account);

        assertThat(sign(request(account, "RS256", "[\"x\"]", "")).statusCode()).as("control").isEqualTo(200);
        for (String bad : List.of(request(account, "HS256", "[\"x\"]", ""),
                request(account, "RS256", "[]", ""),
                request(account, "RS256", "[\"x\"]", ",\"jku\":\"https://evil.example\""),
                request(account, "RS256", "[\"" + "a".repeat(1001) + "\"]", ""),
                request(account, "RS256", "[\"x\"]", ",\"tags\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"A\",\"value\":\"2\"}]"),
                request(account, "RS256", "[\"x\"]", "").replace("300", "59"),
                "not json")) {
            Response refused = sign(bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.jsonPath().getString("code")).isEqualTo("ValidationError");
            assertThat(refused.asString()).doesNotContain("evil.example");
        }
    }

    private static String tags(int count) {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tags.add("{\"key\":\"" + String.format("%03d", i) + "k".repeat(125) + "\",\"value\":\"" + "v".repeat(256) + "\"}");
        }
        return "[" + String.join(",", tags) + "]";
    }
}

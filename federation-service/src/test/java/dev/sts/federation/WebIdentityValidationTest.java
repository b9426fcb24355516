package dev.sts.federation;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import dev.sts.core.credential.ServiceScope;
import dev.sts.core.federation.OidcProvider;
import dev.sts.core.federation.OutboundFederation;
import dev.sts.core.federation.WebIdentityAssertion;
import dev.sts.core.iam.IamChange;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.Tag;
import dev.sts.core.store.CachingKeyValueStore;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.oidc.LocalOidcIssuer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validate API over real HTTP, with real issuers (discovery and JWKS served by {@link LocalOidcIssuer} on loopback)
 * and providers registered in the real Redis: valid tokens become assertions, and the JWT attack corpus is refused
 * with AWS's codes. Every refusal has a positive control made the same way.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "federation-service"))
class WebIdentityValidationTest {
    static final String CREDENTIAL = "token-service.test-federation-token-0000000000000";
    static final String PATH = "/internal/v1/web-identity/validate";
    static final String CLIENT = "client-a";

    /** One issuer found by discovery, registered once for the whole class. */
    static LocalOidcIssuer issuer;
    static String account;
    static final List<LocalOidcIssuer> started = new ArrayList<>();

    @Inject
    CachingKeyValueStore iamCache;

    @BeforeEach
    void registerOnce() {
        if (issuer == null) {
            account = randomAccount();
            issuer = startIssuer();
            register(account, issuer, List.of(CLIENT, "client-b"), null);
        }
    }

    @AfterAll
    static void stopIssuers() {
        started.forEach(LocalOidcIssuer::close);
    }

    // ---- accepted

    @Test
    void validTokensOfEachAlgorithmAreAccepted() {
        for (String token : List.of(issuer.rs256(claims()), issuer.es256(claims()), issuer.es384(claims()))) {
            WebIdentityAssertion assertion = accepted(account, token);
            assertThat(assertion.subject()).isEqualTo("subject-1");
            assertThat(assertion.audience()).isEqualTo(CLIENT);
            assertThat(assertion.issuer()).isEqualTo(issuer.issuer());
            assertThat(assertion.providerUrl()).isEqualTo(issuer.url());
            assertThat(assertion.providerArn()).isEqualTo("arn:aws:iam::" + account + ":oidc-provider/" + issuer.url());
        }
    }

    @Test
    void aListAudienceUsesAzpOrElseTheRegisteredValue() {
        Map<String, Object> withAzp = claims();
        withAzp.put("aud", List.of("someone-else", "client-b"));
        withAzp.put("azp", "client-b");
        WebIdentityAssertion byAzp = accepted(account, issuer.rs256(withAzp));
        assertThat(byAzp.audience()).isEqualTo("client-b");
        assertThat(byAzp.audiences()).containsExactly("someone-else", "client-b");

        Map<String, Object> withoutAzp = claims();
        withoutAzp.put("aud", List.of("someone-else", CLIENT));
        assertThat(accepted(account, issuer.rs256(withoutAzp)).audience()).isEqualTo(CLIENT);
    }

    // ---- the attack corpus

    @Test
    void algNoneIsRefused() {
        Map<String, Object> header = Map.of("alg", "none", "typ", "JWT");
        String unsigned = LocalOidcIssuer.base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + LocalOidcIssuer.base64Url(json(claims())) + ".";
        refused(unsigned, "InvalidIdentityToken");
        refused(LocalOidcIssuer.compact(header, claims(), new byte[0]), "InvalidIdentityToken");
        accepted(account, issuer.rs256(claims()));
    }

    @Test
    void hs256KeyedWithTheProvidersPublicKeyIsRefused() throws Exception {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("kid", issuer.rsaKeyId());
        Map<String, Object> claims = claims();
        String signingInput = LocalOidcIssuer.base64Url(json(header)) + "." + LocalOidcIssuer.base64Url(json(claims));
        // The public key as bytes (X.509) and as the JWKS text an attacker can fetch: both HMAC secrets are refused.
        for (byte[] secret : List.of(issuer.rsaPublicKeyBytes(), issuer.publicJwks().getBytes(StandardCharsets.UTF_8))) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            refused(LocalOidcIssuer.compact(header, claims, signature), "InvalidIdentityToken");
        }
        accepted(account, issuer.rs256(claims));
    }

    @Test
    void algorithmsOutsideTheListAreRefused() {
        for (String alg : List.of("HS512", "ES256K", "RS1", "EdDSA", "RSA-OAEP", "rs256")) {
            Map<String, Object> header = Map.of("alg", alg, "kid", issuer.rsaKeyId());
            refused(LocalOidcIssuer.compact(header, claims(), new byte[64]), "InvalidIdentityToken");
        }
        accepted(account, issuer.rs256(claims()));
    }

    @Test
    void anUnknownKidIsRefusedAndRefreshesTheKeysAtMostOnce() {
        LocalOidcIssuer own = startIssuer();
        register(account, own, List.of(CLIENT), null);
        accepted(account, own.rs256(claims(own)));
        int fetches = own.jwksRequests();
        RSAKey stranger = LocalOidcIssuer.newRsaKey("unknown-kid");
        for (int i = 0; i < 5; i++) {
            String token = LocalOidcIssuer.signWith(stranger, new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID("unknown-kid-" + i).build(), claims(own));
            refused(token, "InvalidIdentityToken");
        }
        assertThat(own.jwksRequests()).as("unknown kids within the refresh interval cost no fetch")
                .isEqualTo(fetches);
        accepted(account, own.rs256(claims(own)));
    }

    @Test
    void keyUrlsAndEmbeddedKeysInTheHeaderAreNeverUsed() {
        RSAKey attacker = LocalOidcIssuer.newRsaKey("attacker");
        URI elsewhere = URI.create("http://127.0.0.1:9/attacker/jwks");
        List<JWSHeader> headers = List.of(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").jwkURL(elsewhere).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").x509CertURL(elsewhere).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").jwk(attacker.toPublicJWK()).build(),
                // The provider's own kid, but the attacker's key embedded and signing.
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(issuer.rsaKeyId()).jwk(attacker.toPublicJWK()).build(),
                new JWSHeader.Builder(JWSAlgorithm.RS256).jwk(attacker.toPublicJWK()).build());
        for (JWSHeader header : headers) {
            refused(LocalOidcIssuer.signWith(attacker, header, claims()), "InvalidIdentityToken");
        }
        // Control: the same header fields on a token the provider's key signed change nothing.
        accepted(account, issuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(issuer.rsaKeyId())
                .jwkURL(elsewhere).x509CertURL(elsewhere).jwk(attacker.toPublicJWK()).build(), claims()));
    }

    @Test
    void ecdsaSignaturesOfZerosAreRefused() {
        String es256 = issuer.es256(claims());
        String es384 = issuer.es384(claims());
        refused(withSignature(es256, new byte[64]), "InvalidIdentityToken");
        refused(withSignature(es384, new byte[96]), "InvalidIdentityToken");
        accepted(account, es256);
        accepted(account, es384);
    }

    @Test
    void aWrongIssuerIsRefused() {
        Map<String, Object> other = claims();
        other.put("iss", issuer.issuer() + "/elsewhere");
        Response response = call(account, issuer.rs256(other));
        assertRefusal(response, "InvalidIdentityToken");
        assertThat(response.jsonPath().getString("message"))
                .isEqualTo("No OpenIDConnect provider found in your account for " + issuer.issuer() + "/elsewhere");
        Map<String, Object> https = claims();
        https.put("iss", issuer.issuer().replace("http://", "https://"));
        refused(issuer.rs256(https), "InvalidIdentityToken");
        Map<String, Object> noIssuer = claims();
        noIssuer.remove("iss");
        refused(issuer.rs256(noIssuer), "InvalidIdentityToken");
        // Another account has no such provider.
        assertRefusal(call(randomAccount(), issuer.rs256(claims())), "InvalidIdentityToken");
        accepted(account, issuer.rs256(claims()));
    }

    @Test
    void aTokenSignedByAnotherIssuerWithTheRightIssClaimIsRefused() {
        LocalOidcIssuer other = startIssuer();
        refused(other.rs256(claims()), "InvalidIdentityToken");
        accepted(account, issuer.rs256(claims()));
    }

    @Test
    void aWrongAudienceIsRefused() {
        Map<String, Object> wrong = claims();
        wrong.put("aud", "client-c");
        Response response = call(account, issuer.rs256(wrong));
        assertRefusal(response, "InvalidIdentityToken");
        assertThat(response.jsonPath().getString("message")).isEqualTo("Incorrect token audience");
        Map<String, Object> listWithoutRegistered = claims();
        listWithoutRegistered.put("aud", List.of("client-c", "client-d"));
        refused(issuer.rs256(listWithoutRegistered), "InvalidIdentityToken");
        Map<String, Object> azpNotInList = claims();
        azpNotInList.put("aud", List.of(CLIENT, "client-c"));
        azpNotInList.put("azp", "client-b");
        refused(issuer.rs256(azpNotInList), "InvalidIdentityToken");
        Map<String, Object> azpNotRegistered = claims();
        azpNotRegistered.put("aud", List.of(CLIENT, "client-c"));
        azpNotRegistered.put("azp", "client-c");
        refused(issuer.rs256(azpNotRegistered), "InvalidIdentityToken");
        Map<String, Object> noAudience = claims();
        noAudience.remove("aud");
        refused(issuer.rs256(noAudience), "InvalidIdentityToken");
        accepted(account, issuer.rs256(claims()));
    }

    @Test
    void anExpiredTokenIsRefusedWithExpiredTokenException() {
        Map<String, Object> expired = claims();
        long now = Instant.now().getEpochSecond();
        expired.put("iat", now - 7200);
        expired.put("exp", now - 3600);
        Response response = call(account, issuer.rs256(expired));
        assertRefusal(response, "ExpiredTokenException");
        assertThat(response.jsonPath().getString("message"))
                .matches("Token expired: current date/time \\d+ must be before the expiration date/time " + (now - 3600));
        Map<String, Object> noExpiry = claims();
        noExpiry.remove("exp");
        refused(issuer.rs256(noExpiry), "InvalidIdentityToken");
        accepted(account, issuer.rs256(claims()));
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        Map<String, Object> early = claims();
        early.put("nbf", Instant.now().getEpochSecond() + 3600);
        refused(issuer.rs256(early), "InvalidIdentityToken");
        Map<String, Object> valid = claims();
        valid.put("nbf", Instant.now().getEpochSecond() - 10);
        accepted(account, issuer.rs256(valid));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        Map<String, Object> future = claims();
        future.put("iat", Instant.now().getEpochSecond() + 3600);
        future.put("exp", Instant.now().getEpochSecond() + 7200);
        refused(issuer.rs256(future), "InvalidIdentityToken");
        Map<String, Object> noIat = claims();
        noIat.remove("iat");
        refused(issuer.rs256(noIat), "InvalidIdentityToken");
        accepted(account, issuer.rs256(claims()));
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token = issuer.rs256(claims());
        String[] parts = token.split("\\.");
        Map<String, Object> changed = claims();
        changed.put("sub", "admin");
        refused(parts[0] + "." + LocalOidcIssuer.base64Url(json(changed)) + "." + parts[2], "InvalidIdentityToken");
        String es = issuer.es256(claims());
        String[] esParts = es.split("\\.");
        refused(esParts[0] + "." + LocalOidcIssuer.base64Url(json(changed)) + "." + esParts[2], "InvalidIdentityToken");
        accepted(account, token);
        accepted(account, es);
    }

    @Test
    void anOversizedTokenIsRefusedBeforeAnythingElse() {
        Map<String, Object> big = claims();
        big.put("pad", "x".repeat(14_000));
        String within = issuer.rs256(big);
        assertThat(within.length()).isLessThanOrEqualTo(20_000);
        accepted(account, within);
        big.put("pad", "x".repeat(16_000));
        String over = issuer.rs256(big);
        assertThat(over.length()).isGreaterThan(20_000);
        refused(over, "InvalidIdentityToken");
    }

    @Test
    void aTokenOfADeletedProviderIsRefusedOnceTheChangeIsAnnounced() {
        LocalOidcIssuer own = startIssuer();
        OidcProvider provider = register(account, own, List.of(CLIENT), null);
        String token = own.rs256(claims(own));
        accepted(account, token);
        assertThat(IamStateWriter.repository().deleteOidcProvider(provider)).isTrue();
        assertThat(call(account, token).statusCode()).as("the cached provider is still trusted until the change is announced")
                .isEqualTo(200);
        // The tests' staleness bound is 10 minutes: only the event can make the view forget the provider. It is
        // announced again while the answer is unchanged, since the consumer (from the latest offset) may still be
        // joining its group when the first one is sent; an event only ever clears, so repeats are harmless.
        Response last = call(account, token);
        for (int i = 0; i < 120 && last.statusCode() == 200; i++) {
            IamStateWriter.announce(IamChange.of(IamChange.Kind.OIDC_PROVIDER, account, provider.arn()));
            sleep(500);
            last = call(account, token);
        }
        assertRefusal(last, "InvalidIdentityToken");
        assertThat(last.jsonPath().getString("message")).startsWith("No OpenIDConnect provider found");
    }

    @Test
    void aHangingJwksEndpointGivesIdpCommunicationErrorAndDoesNotHoldUpOtherIssuers() throws Exception {
        LocalOidcIssuer hanging = startIssuer();
        register(account, hanging, List.of(CLIENT), null);
        LocalOidcIssuer healthy = startIssuer();
        register(account, healthy, List.of(CLIENT), null);
        hanging.hangJwks();

        CompletableFuture<Response> held = CompletableFuture.supplyAsync(() -> call(account, hanging.rs256(claims(hanging))));
        // While that call waits on the hanging issuer, another issuer's tokens validate.
        while (hanging.jwksRequests() == 0 && !held.isDone()) {
            sleep(10);
        }
        accepted(account, healthy.rs256(claims(healthy)));
        accepted(account, issuer.rs256(claims()));
        // The held call ends (the bound is the fetch timeout, 3 s; 60 s here only keeps a broken build from hanging).
        assertRefusal(held.get(60, TimeUnit.SECONDS), "IDPCommunicationError");
        assertThat(held.get().jsonPath().getString("message")).doesNotContain(hanging.issuer());
        // Meanwhile the failure is remembered: the next token of that issuer is refused without a new fetch.
        int fetches = hanging.jwksRequests();
        refused(hanging.rs256(claims(hanging)), "IDPCommunicationError");
        assertThat(hanging.jwksRequests()).isEqualTo(fetches);
    }

    @Test
    void aJwksEndpointAnsweringGarbageGivesIdpCommunicationError() {
        LocalOidcIssuer garbage = startIssuer();
        register(account, garbage, List.of(CLIENT), null);
        LocalOidcIssuer control = startIssuer();
        register(account, control, List.of(CLIENT), null);
        garbage.serveGarbageJwks();
        refused(garbage.rs256(claims(garbage)), "IDPCommunicationError");
        accepted(account, control.rs256(claims(control)));
    }

    @Test
    void aJwksEndpointThatRedirectsOrAnswersTooMuchGivesIdpCommunicationError() {
        LocalOidcIssuer redirecting = startIssuer();
        register(account, redirecting, List.of(CLIENT), null);
        LocalOidcIssuer oversized = startIssuer();
        register(account, oversized, List.of(CLIENT), null);
        LocalOidcIssuer control = startIssuer();
        register(account, control, List.of(CLIENT), null);
        redirecting.redirectJwks();
        oversized.serveOversizedJwks();
        refused(redirecting.rs256(claims(redirecting)), "IDPCommunicationError");
        refused(oversized.rs256(claims(oversized)), "IDPCommunicationError");
        accepted(account, control.rs256(claims(control)));
    }

    @Test
    void criticalHeadersAndEncryptedOrMalformedTokensAreRefused() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("kid", issuer.rsaKeyId());
        header.put("crit", List.of("exp"));
        header.put("exp", 1);
        refused(LocalOidcIssuer.compact(header, claims(), new byte[256]), "InvalidIdentityToken");
        // RFC 7797's unencoded payload, signed by the provider's own key: refused all the same.
        refused(issuer.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(issuer.rsaKeyId()).base64URLEncodePayload(false)
                .criticalParams(java.util.Set.of("b64")).build(), claims()), "InvalidIdentityToken");
        Map<String, Object> unencoded = new LinkedHashMap<>(Map.of("alg", "RS256", "kid", issuer.rsaKeyId(), "b64", false));
        refused(LocalOidcIssuer.compact(unencoded, claims(), new byte[256]), "InvalidIdentityToken");
        refused("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", "InvalidIdentityToken");
        refused("not-a-token", "InvalidIdentityToken");
        refused("a.b.c", "InvalidIdentityToken");
        String valid = issuer.rs256(claims());
        refused(valid + ".", "InvalidIdentityToken");
        accepted(account, valid);
    }

    @Test
    void sessionTagsAndSourceIdentityComeFromAwsClaims() {
        Map<String, Object> claims = claims();
        Map<String, Object> tagClaim = new LinkedHashMap<>();
        tagClaim.put("principal_tags", Map.of("Project", List.of("Automation"), "CostCenter", List.of("12345")));
        tagClaim.put("transitive_tag_keys", List.of("Project"));
        claims.put("https://aws.amazon.com/tags", tagClaim);
        claims.put("https://aws.amazon.com/source_identity", "alice@example.com");
        claims.put("amr", List.of("pwd", "mfa"));
        WebIdentityAssertion assertion = accepted(account, issuer.rs256(claims));
        assertThat(assertion.principalTags()).containsExactlyInAnyOrder(new Tag("Project", "Automation"),
                new Tag("CostCenter", "12345"));
        assertThat(assertion.transitiveTagKeys()).containsExactly("Project");
        assertThat(assertion.sourceIdentity()).contains("alice@example.com");
        assertThat(assertion.amr()).containsExactly("pwd", "mfa");

        Map<String, Object> tooMany = claims();
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, List.of("v"));
        }
        tooMany.put("https://aws.amazon.com/tags", Map.of("principal_tags", many));
        refused(issuer.rs256(tooMany), "InvalidIdentityToken");
        Map<String, Object> badValue = claims();
        badValue.put("https://aws.amazon.com/tags", Map.of("principal_tags", Map.of("Project", "Automation")));
        refused(issuer.rs256(badValue), "InvalidIdentityToken");
        Map<String, Object> badTransitive = claims();
        badTransitive.put("https://aws.amazon.com/tags", Map.of("principal_tags", Map.of("Project", List.of("A")),
                "transitive_tag_keys", List.of("Other")));
        refused(issuer.rs256(badTransitive), "InvalidIdentityToken");
        Map<String, Object> badSource = claims();
        badSource.put("https://aws.amazon.com/source_identity", "aws:me");
        refused(issuer.rs256(badSource), "InvalidIdentityToken");
    }

    @Test
    void kubernetesServiceAccountTokensBecomeTagsWithARegisteredJwks() {
        LocalOidcIssuer cluster = startIssuer();
        // A cluster whose issuer is private: its JWKS registered with the provider, never fetched.
        register(account, cluster, List.of("sts.amazonaws.com"), cluster.publicJwks());
        Map<String, Object> claims = claims(cluster);
        claims.put("sub", "system:serviceaccount:payments:api");
        claims.put("aud", List.of("sts.amazonaws.com"));
        claims.put("kubernetes.io", Map.of("namespace", "payments",
                "serviceaccount", Map.of("name", "api", "uid", UUID.randomUUID().toString()),
                "pod", Map.of("name", "api-7d9f8", "uid", "0d6c2a1e-5b7e-4a8e-9c1f-2f0e8e7a1b2c")));
        WebIdentityAssertion assertion = accepted(account, cluster.rs256(claims));
        assertThat(assertion.principalTags()).containsExactlyInAnyOrder(new Tag("kubernetes-namespace", "payments"),
                new Tag("kubernetes-service-account", "api"), new Tag("kubernetes-pod-name", "api-7d9f8"),
                new Tag("kubernetes-pod-uid", "0d6c2a1e-5b7e-4a8e-9c1f-2f0e8e7a1b2c"));
        assertThat(cluster.jwksRequests()).as("a registered JWKS is never fetched").isZero();
        assertThat(cluster.discoveryRequests()).isZero();

        claims.put("https://aws.amazon.com/tags", Map.of("principal_tags", Map.of("Kubernetes-Namespace", List.of("admin"))));
        refused(cluster.rs256(claims), "InvalidIdentityToken");
        claims.put("https://aws.amazon.com/tags", Map.of("principal_tags", Map.of("team", List.of("payments"))));
        assertThat(accepted(account, cluster.rs256(claims)).principalTags()).contains(new Tag("team", "payments"));
    }

    @Test
    void tokensOfThisPlatformsOwnOutboundIssuerAreRefused() {
        String own = UUID.randomUUID().toString().replace("-", "");
        LocalOidcIssuer outbound = startIssuer("/outbound/" + own);
        String ownAccount = randomAccount();
        register(ownAccount, outbound, List.of(CLIENT), null);
        String token = outbound.rs256(claims(outbound));
        accepted(ownAccount, token);
        IamStateWriter.repository().enableOutboundFederation(new OutboundFederation(ownAccount, outbound.issuer(), Instant.now()));
        iamCache.invalidateAll();
        assertRefusal(call(ownAccount, token), "InvalidIdentityToken");
        // The configured outbound base refuses any token under it, whether or not a provider exists.
        Map<String, Object> underBase = claims();
        underBase.put("iss", "http://127.0.0.1:8091/outbound/" + own);
        Response response = call(account, issuer.rs256(underBase));
        assertRefusal(response, "InvalidIdentityToken");
        assertThat(response.jsonPath().getString("message")).contains("GetWebIdentityToken");
    }

    @Test
    void theInternalApiNeedsTheFederationCredential() {
        String body = body(account, issuer.rs256(claims()));
        assertThat(RestAssured.given().contentType("application/json").body(body).post(PATH).statusCode()).isEqualTo(401);
        assertThat(RestAssured.given().contentType("application/json")
                .header(ServiceScope.FEDERATION.header(), "token-service.wrong-federation-token-00000000000")
                .body(body).post(PATH).statusCode()).isEqualTo(401);
        assertThat(RestAssured.given().contentType("application/json")
                .header(ServiceScope.FEDERATION.header(), CREDENTIAL + "x").body(body).post(PATH).statusCode()).isEqualTo(401);
        Response granted = RestAssured.given().contentType("application/json")
                .header(ServiceScope.FEDERATION.header(), CREDENTIAL).body(body).post(PATH);
        assertThat(granted.statusCode()).isEqualTo(200);
    }

    @Test
    void malformedRequestsAreRefusedAsValidationErrors() {
        for (String body : List.of("{}", "not json", "{\"account\":\"12\",\"token\":\"a.b.c\"}",
                "{\"account\":\"" + account + "\",\"token\":\"a.b.c\",\"extra\":1}")) {
            Response response = RestAssured.given().contentType("application/json")
                    .header(ServiceScope.FEDERATION.header(), CREDENTIAL).body(body).post(PATH);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.jsonPath().getString("code")).isEqualTo("ValidationError");
        }
        Response withProviderId = RestAssured.given().contentType("application/json")
                .header(ServiceScope.FEDERATION.header(), CREDENTIAL)
                .body("{\"account\":\"" + account + "\",\"token\":\"" + issuer.rs256(claims())
                        + "\",\"providerId\":\"www.amazon.com\"}").post(PATH);
        assertRefusal(withProviderId, "InvalidIdentityToken");
        accepted(account, issuer.rs256(claims()));
    }

    // ---- helpers

    static String randomAccount() {
        return String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
    }

    static LocalOidcIssuer startIssuer() {
        LocalOidcIssuer started = LocalOidcIssuer.start();
        WebIdentityValidationTest.started.add(started);
        return started;
    }

    static LocalOidcIssuer startIssuer(String path) {
        LocalOidcIssuer started = LocalOidcIssuer.start(path);
        WebIdentityValidationTest.started.add(started);
        return started;
    }

    /** Registers {@code at}'s issuer in {@code account} as policy-service would, and makes the view see it at once. */
    OidcProvider register(String account, LocalOidcIssuer at, List<String> clientIds, String jwks) {
        OidcProvider provider = new OidcProvider(account, at.url(), at.issuer(), clientIds,
                List.of("0123456789abcdef0123456789abcdef01234567"), List.of(), Instant.now(), jwks);
        assertThat(IamStateWriter.repository().createOidcProvider(provider)).isTrue();
        iamCache.invalidateAll();
        return provider;
    }

    static Map<String, Object> claims() {
        return issuer.claims(CLIENT, "subject-1");
    }

    static Map<String, Object> claims(LocalOidcIssuer at) {
        return at.claims(CLIENT, "subject-1");
    }

    static String json(Map<String, ?> map) {
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(new LinkedHashMap<>(map));
    }

    static String withSignature(String token, byte[] signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + com.nimbusds.jose.util.Base64URL.encode(signature);
    }

    static String body(String account, String token) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("account", account);
        body.put("token", token);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response call(String account, String token) {
        return RestAssured.given().contentType("application/json").header(ServiceScope.FEDERATION.header(), CREDENTIAL)
                .body(body(account, token)).post(PATH);
    }

    static WebIdentityAssertion accepted(String account, String token) {
        Response response = call(account, token);
        assertThat(response.statusCode()).as("control: %s", response.asString()).isEqualTo(200);
        return WebIdentityAssertion.fromJson(response.asString());
    }

    static void refused(String token, String code) {
        assertRefusal(call(account, token), code);
    }


    static void assertRefusal(Response response, String code) {
        assertThat(response.jsonPath().getString("code")).as(response.asString()).isEqualTo(code);
        int status = switch (code) {
            case "IDPRejectedClaim" -> 403;
            default -> 400;
        };
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.asString()).doesNotContain("eyJ");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.sts.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import dev.sts.testing.oidc.LocalOidcIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.sts.e2e.WebIdentity.anonymousSts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A handful of the JWT attack corpus through the real STS endpoint (the whole corpus is federation-service's own
 * tests): each forged token is refused with AWS's error, and the same claims signed properly by the issuer's key get
 * credentials. An issuer whose JWKS endpoint hangs gives IDPCommunicationError (the SDK's call timeout bounds the
 * wait), and while it hangs another issuer's token still gets credentials: the STS is not tied up.
 */
class JwtAttackEndToEndTest {
    private static final String CLIENT_ID = "attack-corpus";
    private static final String SUBJECT = "repo:example/payments:ref:refs/heads/main";

    private static LocalOidcIssuer issuer;
    private static String roleArn;

    @BeforeAll
    static void registerIssuerAndRole() throws Exception {
        RunningPlatform.get();
        issuer = LocalOidcIssuer.start();
        String providerArn = WebIdentity.registerProvider(issuer.issuer(), CLIENT_ID);
        roleArn = WebIdentity.createRole("JwtAttack-" + UUID.randomUUID().toString().substring(0, 8),
                WebIdentity.trustPolicy(providerArn, CLIENT_ID, SUBJECT));
    }

    @AfterAll
    static void stopIssuer() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void algNoneIsRefused() {
        Map<String, Object> claims = issuer.claims(CLIENT_ID, SUBJECT);
        String unsigned = LocalOidcIssuer.compact(Map.of("alg", "none", "typ", "JWT"), claims, new byte[0]);

        assertAccepted(issuer.rs256(claims));
        assertThat(refusalOf(roleArn, unsigned)).isEqualTo("InvalidIdentityToken");
    }

    @Test
    void hs256KeyedWithTheProvidersPublicRsaKeyIsRefused() throws JOSEException {
        Map<String, Object> claims = issuer.claims(CLIENT_ID, SUBJECT);
        JWSObject confused = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.rsaKeyId()).build(),
                new Payload(claims));
        confused.sign(new MACSigner(issuer.rsaPublicKeyBytes()));

        assertAccepted(issuer.rs256(claims));
        assertThat(refusalOf(roleArn, confused.serialize())).isEqualTo("InvalidIdentityToken");
    }

    @Test
    void anExpiredTokenIsRefusedAsExpired() {
        Map<String, Object> expired = issuer.claims(CLIENT_ID, SUBJECT);
        long hourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
        expired.put("iat", hourAgo - 600);
        expired.put("exp", hourAgo);

        assertAccepted(issuer.rs256(issuer.claims(CLIENT_ID, SUBJECT)));
        assertThat(refusalOf(roleArn, issuer.rs256(expired))).isEqualTo("ExpiredTokenException");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String genuine = issuer.rs256(issuer.claims(CLIENT_ID, SUBJECT));
        Map<String, Object> elevated = new LinkedHashMap<>(issuer.claims(CLIENT_ID, SUBJECT));
        elevated.put("sub", "repo:example/payments:ref:refs/heads/attacker");
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + LocalOidcIssuer.base64Url(com.nimbusds.jose.util.JSONObjectUtils
                .toJSONString(elevated)) + "." + parts[2];

        assertAccepted(genuine);
        assertThat(refusalOf(roleArn, tampered)).isEqualTo("InvalidIdentityToken");
    }

    /**
     * An issuer whose JWKS endpoint never answers: IDPCommunicationError, and meanwhile a token of a healthy issuer
     * gets credentials. The hanging issuer is new and never answered its JWKS, so no key of it is cached.
     */
    @Test
    void aHangingJwksEndpointIsAnIdpCommunicationErrorAndDoesNotTieUpTheSts() throws Exception {
        LocalOidcIssuer hanging = LocalOidcIssuer.start();
        try {
            String hangingProvider = WebIdentity.registerProvider(hanging.issuer(), CLIENT_ID);
            String hangingRole = WebIdentity.createRole("JwtHang-" + UUID.randomUUID().toString().substring(0, 8),
                    WebIdentity.trustPolicy(hangingProvider, CLIENT_ID, SUBJECT));
            String healthy = issuer.rs256(issuer.claims(CLIENT_ID, SUBJECT));
            assertAccepted(healthy);
            hanging.hangJwks();

            String token = hanging.rs256(hanging.claims(CLIENT_ID, SUBJECT));
            CompletableFuture<String> stuck = CompletableFuture.supplyAsync(() -> refusalOnceKnown(hangingRole, token));
            // While that call waits on the hanging JWKS endpoint, other callers get their credentials.
            while (hanging.jwksRequests() == 0 && !stuck.isDone()) {
                Thread.sleep(20);
            }
            AssumeRoleWithWebIdentityResponse meanwhile = anonymousSts().assumeRoleWithWebIdentity(r -> r
                    .roleArn(roleArn).roleSessionName("meanwhile").webIdentityToken(healthy));

            assertThat(meanwhile.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(stuck.get(120, TimeUnit.SECONDS)).isEqualTo("IDPCommunicationError");
            assertThat(hanging.jwksRequests()).isPositive();
        } finally {
            hanging.close();
        }
    }

    /**
     * The refusal of a token whose provider and role were just created, once the platform knows them: until then
     * (IAM changes spread over Kafka) it is refused as an unknown provider or role; then with the error that counts.
     */
    private static String refusalOnceKnown(String role, String token) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String code = refusalOf(role, token);
            if (!(code.equals("InvalidIdentityToken") || code.equals("AccessDenied")) || System.nanoTime() > deadline) {
                return code;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return code;
            }
        }
    }

    /** The positive control: these exact claims, signed by the issuer, get credentials (once the role is known). */
    private static void assertAccepted(String token) {
        AssumeRoleWithWebIdentityResponse answer = Eventually.succeeds(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r
                .roleArn(roleArn).roleSessionName("control").webIdentityToken(token)));
        assertThat(answer.credentials().accessKeyId()).startsWith("ASIA");
    }

    /** The error code of an AssumeRoleWithWebIdentity with {@code token} (fails the test if it got credentials). */
    private static String refusalOf(String role, String token) {
        AwsServiceException refused = catchThrowableOfType(() -> anonymousSts().assumeRoleWithWebIdentity(r -> r
                .roleArn(role).roleSessionName("attack").webIdentityToken(token)), AwsServiceException.class);
        assertThat(refused).as("AssumeRoleWithWebIdentity answered credentials for a forged token").isNotNull();
        return refused.awsErrorDetails().errorCode();
    }
}

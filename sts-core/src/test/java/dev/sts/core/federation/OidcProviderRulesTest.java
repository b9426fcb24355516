package dev.sts.core.federation;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM's rules for OpenID Connect providers: the issuer URL, client ids, thumbprints, the provider ARN, the quota. */
class OidcProviderRulesTest {
    private static final String THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
    private final OidcProviderRules production = new OidcProviderRules(false);
    private final OidcProviderRules local = new OidcProviderRules(true);

    @Test
    void anHttpsIssuerKeepsItsPathAndItsUrlIsTheIssuerWithoutTheScheme() {
        OidcProviderRules.Issuer issuer = production.issuer("https://token.actions.githubusercontent.com");
        assertThat(issuer.issuer()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(issuer.url()).isEqualTo("token.actions.githubusercontent.com");

        OidcProviderRules.Issuer eks = production.issuer("https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123");
        assertThat(eks.url()).isEqualTo("oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123");
        assertThat(OidcProvider.arnOf("111111111111", eks.url()))
                .isEqualTo("arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123");
    }

    @Test
    void nothingIsNormalizedSoATrailingSlashOrAnotherCaseIsAnotherIssuer() {
        assertThat(production.issuer("https://tenant.auth0.com/").url()).isEqualTo("tenant.auth0.com/");
        assertThat(production.issuer("https://Issuer.Example.com/Realm").url()).isEqualTo("Issuer.Example.com/Realm");
    }

    @Test
    void urlsThatAreNotPlainHttpsIssuersAreInvalidInput() {
        for (String url : List.of("http://issuer.example.com", "ftp://issuer.example.com", "issuer.example.com",
                "https://", "https:///path", "https://user:pw@issuer.example.com", "https://issuer.example.com/?a=b",
                "https://issuer.example.com/#frag", "https://issuer.example.com/a b", "https://issuer.example.com/é",
                "https://issuer.example.com:abc/", "HTTPS://issuer.example.com", "https:issuer.example.com")) {
            assertRefused(() -> production.issuer(url), StsErrorCode.INVALID_INPUT);
        }
        // Positive control, made the same way.
        assertThat(production.issuer("https://issuer.example.com:8443/realms/a").url()).isEqualTo("issuer.example.com:8443/realms/a");
    }

    @Test
    void theUrlIsOneTo255Characters() {
        String longest = "https://issuer.example.com/" + "p".repeat(255 - "https://issuer.example.com/".length());
        assertThat(production.issuer(longest).issuer()).hasSize(255);
        assertRefused(() -> production.issuer(longest + "p"), StsErrorCode.VALIDATION_ERROR);
        assertRefused(() -> production.issuer(""), StsErrorCode.VALIDATION_ERROR);
        assertRefused(() -> production.issuer(null), StsErrorCode.VALIDATION_ERROR);
    }

    @Test
    void loopbackHttpIssuersAreAcceptedOnlyWhenAllowedAndOnlyOnLoopbackHostNames() {
        for (String url : List.of("http://127.0.0.1:8443/realms/test", "http://localhost:9000", "http://LOCALHOST:9000/x")) {
            assertThat(local.issuer(url).url()).isEqualTo(url.substring("http://".length()));
            assertRefused(() -> production.issuer(url), StsErrorCode.INVALID_INPUT);
        }
        for (String url : List.of("http://issuer.example.com:8080/realms/test", "http://10.0.0.1:8080", "http://127.0.0.2:80",
                "http://localhost.example.com:80", "http://[::1]:8080/x", "http://127.0.0.1.nip.io:80")) {
            assertRefused(() -> local.issuer(url), StsErrorCode.INVALID_INPUT);
        }
        assertThat(local.issuer("https://issuer.example.com").url()).isEqualTo("issuer.example.com");
    }

    @Test
    void clientIdsAreOneTo255CharactersAtMost100AndRepeatsAreDropped() {
        assertThat(production.clientIds(List.of("sts.amazonaws.com", "app", "sts.amazonaws.com")))
                .containsExactly("sts.amazonaws.com", "app");
        assertThat(production.clientIds(List.of())).isEmpty();
        assertRefused(() -> production.clientIds(List.of("")), StsErrorCode.VALIDATION_ERROR);
        assertRefused(() -> production.clientIds(List.of("c".repeat(256))), StsErrorCode.VALIDATION_ERROR);
        assertThat(production.clientIds(List.of("c".repeat(255)))).hasSize(1);

        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add("client-" + i);
        }
        assertThat(production.clientIds(hundred)).hasSize(100);
        List<String> tooMany = new ArrayList<>(hundred);
        tooMany.add("client-100");
        assertRefused(() -> production.clientIds(tooMany), StsErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void thumbprintsAreOptional40HexDigitsAtMostFive() {
        assertThat(production.thumbprints(List.of())).isEmpty();
        assertThat(production.thumbprints(List.of(THUMBPRINT, THUMBPRINT.toUpperCase()))).hasSize(2);
        assertThat(production.thumbprints(List.of(THUMBPRINT, THUMBPRINT))).containsExactly(THUMBPRINT);
        assertRefused(() -> production.thumbprints(List.of(THUMBPRINT.substring(1))), StsErrorCode.VALIDATION_ERROR);
        assertRefused(() -> production.thumbprints(List.of(THUMBPRINT + "0")), StsErrorCode.VALIDATION_ERROR);
        assertRefused(() -> production.thumbprints(List.of("z" + THUMBPRINT.substring(1))), StsErrorCode.INVALID_INPUT);

        List<String> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(String.join("", Collections.nCopies(40, Integer.toString(i))));
        }
        assertThat(production.thumbprints(five)).hasSize(5);
        List<String> six = new ArrayList<>(five);
        six.add(THUMBPRINT);
        assertRefused(() -> production.thumbprints(six), StsErrorCode.INVALID_INPUT);
    }

    @Test
    void aProviderArnMustBeAnIamOidcProviderArn() {
        String arn = "arn:aws:iam::111111111111:oidc-provider/issuer.example.com/realms/a";
        assertThat(production.providerArn(arn)).isEqualTo(arn);
        for (String bad : List.of("arn:aws:iam::111111111111:role/issuer.example.com", "not-an-arn-at-all-really",
                "arn:aws:sts::111111111111:oidc-provider/issuer.example.com", "arn:aws:iam::111111111111:oidc-provider/",
                "arn:aws:iam::1111:oidc-provider/issuer.example.com", "arn:aws:iam:us-east-1:111111111111:oidc-provider/x")) {
            assertRefused(() -> production.providerArn(bad), StsErrorCode.INVALID_INPUT);
        }
        assertRefused(() -> production.providerArn("arn:aws:iam::1:x"), StsErrorCode.VALIDATION_ERROR);
    }

    @Test
    void anAccountHoldsAtMost100Providers() {
        production.providerQuota(99);
        assertRefused(() -> production.providerQuota(100), StsErrorCode.LIMIT_EXCEEDED);
    }

    @Test
    void aSecondProviderOfTheSameUrlIsWordedAsIamWordsIt() {
        assertThat(OidcProviderRules.alreadyExists("https://issuer.example.com").getMessage())
                .isEqualTo("Provider with url https://issuer.example.com already exists.");
    }

    @Test
    void aRegisteredJwksHoldsOnlyPublicRsaOrEcSigningKeys() {
        String rsa = "{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"0vx7agoebGcQSuuPiLJXZpt\",\"e\":\"AQAB\"}";
        String ec = "{\"kty\":\"EC\",\"kid\":\"k2\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}";
        String jwks = "{\"keys\":[" + rsa + "," + ec + "]}";
        assertThat(production.registeredJwks(jwks)).isEqualTo(jwks);

        for (String bad : List.of("", "not json", "[]", "{\"keys\":[]}", "{\"keys\":{}}", "{\"keys\":[" + rsa + "],\"x\":1}",
                "{\"keys\":[" + rsa + "]} trailing", "{\"keys\":[" + rsa + "],\"keys\":[]}",
                "{\"keys\":[" + rsa.replace("\"e\":\"AQAB\"", "\"e\":\"AQAB\",\"d\":\"secret-exponent\"") + "]}",
                "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}",
                "{\"keys\":[" + rsa.replace("\"RS256\"", "\"HS256\"") + "]}",
                "{\"keys\":[" + rsa.replace("\"sig\"", "\"enc\"") + "]}",
                "{\"keys\":[" + ec.replace("P-256", "secp256k1") + "]}",
                "{\"keys\":[" + rsa + "," + rsa + "]}",
                "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"abc\"}]}",
                "{\"keys\":[{\"kty\":\"RSA\",\"n\":1,\"e\":\"AQAB\"}]}",
                "{\"keys\":[" + (rsa + ",").repeat(16) + ec + "]}",
                "{\"keys\":[" + rsa.replace("0vx7", "0".repeat(33_000)) + "]}")) {
            assertThatThrownBy(() -> production.registeredJwks(bad)).as(bad.length() > 200 ? bad.substring(0, 200) : bad)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(StsErrorCode.INVALID_INPUT);
                        assertThat(e.getMessage()).doesNotContain("secret-exponent", "c2VjcmV0");
                    });
        }
    }

    private static void assertRefused(ThrowingCallable call, StsErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StsException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}

package dev.sts.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test realm as the web identity tests rely on it: the Keycloak the build unpacked starts on a JDK it finds, and
 * each client's client-credentials token names the realm as {@code iss} and the client itself as {@code aud}
 * (the audience mapper), with its service-account user as {@code sub}.
 */
class KeycloakRealmTest {

    @Test
    void eachClientsTokenNamesTheRealmAndTheClientItself() throws Exception {
        KeycloakServer keycloak = KeycloakServer.get();

        String token = keycloak.clientCredentialsToken(KeycloakServer.CLIENT_ID, KeycloakServer.CLIENT_SECRET);
        String other = keycloak.clientCredentialsToken(KeycloakServer.OTHER_CLIENT_ID, KeycloakServer.OTHER_CLIENT_SECRET);

        assertThat(payloadOf(token)).contains("\"iss\":\"" + keycloak.issuer() + "\"")
                .contains("\"aud\":\"" + KeycloakServer.CLIENT_ID + "\"");
        assertThat(payloadOf(other)).contains("\"iss\":\"" + keycloak.issuer() + "\"")
                .contains("\"aud\":\"" + KeycloakServer.OTHER_CLIENT_ID + "\"");
        assertThat(KeycloakServer.subjectOf(token)).isNotBlank().isNotEqualTo(KeycloakServer.subjectOf(other));
    }

    @Test
    void aWrongClientSecretGetsNoToken() {
        KeycloakServer keycloak = KeycloakServer.get();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keycloak.clientCredentialsToken(KeycloakServer.CLIENT_ID,
                KeycloakServer.OTHER_CLIENT_SECRET)).isInstanceOf(AssertionError.class).hasMessageContaining("401");
    }

    private static String payloadOf(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}

package dev.sts.core.credential;

import dev.sts.core.store.InMemoryAuthorizeClientStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceCredentialGateTest {
    private static final String KEYS = "token-service.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk";
    private static final String ADMIN = "operator.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private final AuthorizeClients clients = new AuthorizeClients(new InMemoryAuthorizeClientStore(),
            FixedCredentials.fromTokens(List.of("audit-service.cccccccccccccccccccccccccccccccccccc")));
    private final ServiceCredentialGate gate = new ServiceCredentialGate(
            List.of(new ServiceCredentialGate.Rule("/internal", ServiceScope.KEY_RESOLUTION),
                    new ServiceCredentialGate.Rule("/v1/authorize", ServiceScope.AUTHORIZE),
                    new ServiceCredentialGate.Rule("/admin", ServiceScope.ADMIN)),
            Map.of(ServiceScope.KEY_RESOLUTION, FixedCredentials.fromTokens(List.of(KEYS)),
                    ServiceScope.AUTHORIZE, clients, ServiceScope.ADMIN, FixedCredentials.fromTokens(List.of(ADMIN))));

    private ServiceCredentialGate.Decision check(String path, String header, String token) {
        return gate.check(path, name -> name.equals(header) ? token : null);
    }

    @Test
    void eachScopeAnswersItsOwnCredentialOnly() {
        assertThat(check("/internal/v1/access-keys/AKIA", "X-Sts-Internal-Token", KEYS))
                .isEqualTo(new ServiceCredentialGate.Granted(ServiceScope.KEY_RESOLUTION, "token-service"));
        assertThat(check("/internal/v1/access-keys/AKIA", "X-Sts-Internal-Token", ADMIN))
                .isEqualTo(new ServiceCredentialGate.Refused(ServiceScope.KEY_RESOLUTION, 403, "WrongScope", Optional.of("operator")));
        assertThat(check("/admin/v1/revocations", "X-Sts-Admin-Token", ADMIN)).isInstanceOf(ServiceCredentialGate.Granted.class);
        assertThat(check("/admin/v1/revocations", "X-Sts-Internal-Token", ADMIN))
                .isEqualTo(new ServiceCredentialGate.Refused(ServiceScope.ADMIN, 401, "MissingCredential", Optional.empty()));
        assertThat(check("/admin/v1/revocations", "X-Sts-Admin-Token", "not a token"))
                .isEqualTo(new ServiceCredentialGate.Refused(ServiceScope.ADMIN, 401, "InvalidCredential", Optional.empty()));
        assertThat(check("/admin/v1/revocations", "X-Sts-Admin-Token", ADMIN.replace('a', 'b')))
                .isEqualTo(new ServiceCredentialGate.Refused(ServiceScope.ADMIN, 401, "InvalidCredential", Optional.empty()));
        assertThat(check("/", "X-Sts-Admin-Token", null)).isInstanceOf(ServiceCredentialGate.Unguarded.class);
        assertThat(check("/v1/authorizer", "X-Sts-Admin-Token", null)).isInstanceOf(ServiceCredentialGate.Unguarded.class);
    }

    @Test
    void authorizeClientsAreCreatedAndRevokedAtRuntime() {
        String orders = clients.create("orders");
        String billing = clients.create("billing");
        assertThat(check("/v1/authorize", "X-Sts-Authorize-Token", orders)).isInstanceOf(ServiceCredentialGate.Granted.class);
        assertThat(clients.revoke("orders")).isTrue();
        assertThat(check("/v1/authorize", "X-Sts-Authorize-Token", orders)).isInstanceOf(ServiceCredentialGate.Refused.class);
        assertThat(check("/v1/authorize", "X-Sts-Authorize-Token", billing))
                .isEqualTo(new ServiceCredentialGate.Granted(ServiceScope.AUTHORIZE, "billing"));
        // The name alone is not the credential: billing's name with orders' secret is refused.
        assertThat(check("/v1/authorize", "X-Sts-Authorize-Token", "billing" + orders.substring("orders".length())))
                .isInstanceOf(ServiceCredentialGate.Refused.class);
        assertThatThrownBy(() -> clients.create("billing")).isInstanceOf(AuthorizeClients.Conflict.class);
        assertThatThrownBy(() -> clients.create("audit-service")).isInstanceOf(AuthorizeClients.Conflict.class);
        assertThatThrownBy(() -> clients.revoke("audit-service")).isInstanceOf(AuthorizeClients.Conflict.class);
        assertThatThrownBy(() -> clients.create("Bad.Name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySpellingOfAGuardedPathIsGuarded() {
        for (String path : List.of("/internal", "/internal/", "/Internal/", "/admin/v1/x/", "//internal/x", "/INTERNAL/x", "/internal;x=1/v1",
                "/%69nternal/x", "/%2569nternal/x", "/a/../internal/x", "/./internal/x", "/v1%2Fauthorize",
                "\\internal\\x", "/V1/Authorize/Sub")) {
            assertThat(gate.guards(path)).as(path).isTrue();
        }
        for (String path : List.of("/", "/internalx", "/v1/authorizex", "/administrator", "/q/health")) {
            assertThat(gate.guards(path)).as(path).isFalse();
        }
    }

    @Test
    void tokensAreNamedAndBounded() {
        String token = ServiceToken.generate("orders");
        assertThat(ServiceToken.nameOf(token)).contains("orders");
        assertThat(ServiceToken.nameOf("orders.short")).isEmpty();
        assertThat(ServiceToken.nameOf("orders." + "a".repeat(400))).isEmpty();
        assertThat(ServiceCredential.fromToken(token).toString()).doesNotContain(token.substring(7));
        assertThatThrownBy(() -> FixedCredentials.fromTokens(List.of(token, ServiceToken.generate("orders"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FixedCredentials.fromTokens(List.of("no-dot-secret")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("no-dot-secret");
    }
}

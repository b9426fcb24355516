package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformSecretsTest {

    @Test
    void generatedSecretsHaveTheDocumentedFormat() {
        PlatformSecrets secrets = PlatformSecrets.generate();

        assertThat(secrets.keyResolutionToken()).startsWith("token-service.").doesNotContain("=");
        assertThat(Base64.getUrlDecoder().decode(secrets.keyResolutionToken().substring("token-service.".length()))).hasSize(32);
        assertThat(secrets.adminToken()).startsWith("operator.");
        assertThat(secrets.auditServiceAuthorizeToken()).startsWith("audit-service.");
        assertThat(secrets.tokenKeys()).startsWith("k1:").doesNotContain(",");
        assertThat(Base64.getDecoder().decode(secrets.tokenKeys().substring(3))).hasSize(32);
    }

    @Test
    void aStateDirectoryKeepsItsSecretsAcrossRestarts(@TempDir Path state) {
        PlatformSecrets first = PlatformSecrets.loadOrCreate(state);
        PlatformSecrets second = PlatformSecrets.loadOrCreate(state);

        assertThat(second).isEqualTo(first);
        assertThat(PlatformSecrets.loadOrCreate(state.resolve("other"))).isNotEqualTo(first);
    }

    @Test
    void theSecretsFileIsReadableByItsOwnerOnly(@TempDir Path state) throws Exception {
        PlatformSecrets.loadOrCreate(state);

        Path file = state.resolve("secrets.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(file).content().contains("STS_KEY_RESOLUTION_TOKEN=", "STS_ADMIN_TOKEN=", "STS_AUTHORIZE_TOKEN_AUDIT_SERVICE=").contains("STS_TOKEN_KEYS=k1:");
    }

    @Test
    void aSecretMissingFromAnOlderStateDirectoryIsAddedAndTheOthersKept(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve("secrets.properties"), "STS_TOKEN_KEYS=k1:old\n");

        PlatformSecrets secrets = PlatformSecrets.loadOrCreate(state);

        assertThat(secrets.tokenKeys()).isEqualTo("k1:old");
        assertThat(secrets.keyResolutionToken()).isNotBlank();
        assertThat(PlatformSecrets.loadOrCreate(state)).isEqualTo(secrets);
        assertThat(state.resolve("secrets.properties")).content().contains("STS_TOKEN_KEYS=k1:old");
    }

    @Test
    void theGeneratedKekIsAOneKeyRingOfOneAes256Key() {
        String kek = PlatformSecrets.generate().kek();

        assertThat(kek).startsWith("kek1:").doesNotContain(",");
        assertThat(java.util.Base64.getDecoder().decode(kek.substring("kek1:".length()))).hasSize(32);
    }

    @Test
    void toStringDoesNotLeakTheSecrets() {
        PlatformSecrets secrets = PlatformSecrets.generate();

        assertThat(secrets.all()).hasSize(PlatformSecrets.KINDS.size());
        secrets.all().values().forEach(value -> assertThat(secrets.toString()).doesNotContain(value));
    }
}

package dev.sts.federation.oidc;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.federation.OidcProvider;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.testing.oidc.LocalOidcIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An https issuer whose certificate a private CA signed (here: a self-signed certificate made with the JDK's keytool
 * for IP 127.0.0.1) is trusted only through {@code sts.federation.ca-bundle}; without the bundle its keys cannot be
 * fetched (IDPCommunicationError). Production settings: no loopback http.
 */
class IssuerTlsTest {
    static final String ACCOUNT = "210987654321";
    static Path dir;
    static Path caPem;
    static LocalOidcIssuer issuer;

    @BeforeAll
    static void startHttpsIssuer() throws Exception {
        dir = Files.createTempDirectory("oidc-tls");
        Path keystore = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", caPem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        issuer = LocalOidcIssuer.startHttps(tls);
    }

    @AfterAll
    static void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void anHttpsIssuerSignedByTheConfiguredCaBundleIsTrustedAndOnlyThen() {
        String token = issuer.rs256(issuer.claims("client", "subject"));
        assertThat(issuer.issuer()).startsWith("https://");

        WebIdentityTokenValidator withoutBundle = validator(Optional.empty());
        assertThatThrownBy(() -> withoutBundle.validate(ACCOUNT, token, Optional.empty())).isInstanceOf(StsException.class)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.IDP_COMMUNICATION_ERROR);

        WebIdentityTokenValidator withBundle = validator(Optional.of(caPem));
        assertThat(withBundle.validate(ACCOUNT, token, Optional.empty()).subject()).isEqualTo("subject");
    }

    private static WebIdentityTokenValidator validator(Optional<Path> caBundle) {
        IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
        iam.createOidcProvider(new OidcProvider(ACCOUNT, issuer.url(), issuer.issuer(), List.of("client"), List.of(),
                List.of(), Instant.now(), null));
        OidcSettings settings = new OidcSettings(false, caBundle, "https://sts.example.com", Duration.ofSeconds(60),
                Duration.ofSeconds(2), Duration.ofSeconds(3), 65_536, 4, Duration.ofMinutes(10), Duration.ofSeconds(30),
                Duration.ofSeconds(5));
        return new WebIdentityTokenValidator(iam, settings, Clock.systemUTC());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
    }
}

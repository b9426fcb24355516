package dev.sts.federation.oidc;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.federation.OidcProvider;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.testing.oidc.LocalOidcIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How issuers' keys are fetched and refreshed, against a real issuer over HTTP, with the caches' time moved by the
 * test (no waiting): an unknown {@code kid} refreshes at most once per interval, a failure is remembered for a while,
 * and concurrent callers share one fetch. The IAM state is the core's in-memory store (these rules do not touch Redis;
 * the service's tests read providers from the real one).
 */
class IssuerKeyRefreshTest {
    static final String ACCOUNT = "123456789012";
    static final Duration MIN_REFRESH = Duration.ofSeconds(30);
    static final Duration FAILURE_TTL = Duration.ofSeconds(5);

    final AtomicLong nanos = new AtomicLong(1);
    final Ticker ticker = nanos::get;
    final List<LocalOidcIssuer> issuers = new ArrayList<>();
    IamRepository iam;
    WebIdentityTokenValidator validator;

    @BeforeEach
    void setUp() {
        iam = new IamRepository(new InMemoryKeyValueStore());
        OidcSettings settings = new OidcSettings(true, Optional.empty(), "https://sts.example.com", Duration.ofSeconds(60),
                Duration.ofSeconds(2), Duration.ofSeconds(3), 65_536, 4, Duration.ofMinutes(10), MIN_REFRESH, FAILURE_TTL);
        validator = new WebIdentityTokenValidator(iam, settings, Clock.systemUTC(), ticker);
    }

    @AfterEach
    void tearDown() {
        issuers.forEach(LocalOidcIssuer::close);
    }

    @Test
    void anUnknownKidRefreshesTheKeysAtMostOncePerInterval() {
        LocalOidcIssuer issuer = issuer();
        validator.validate(ACCOUNT, issuer.rs256(issuer.claims("client", "subject")), Optional.empty());
        assertThat(issuer.jwksRequests()).isEqualTo(1);
        String beforeRotation = issuer.rs256(issuer.claims("client", "subject"));

        issuer.rotate(false);
        String rotated = issuer.rs256(issuer.claims("client", "subject"));
        for (int i = 0; i < 3; i++) {
            assertRefused(rotated, StsErrorCode.INVALID_IDENTITY_TOKEN);
        }
        assertThat(issuer.jwksRequests()).as("within the interval, no refresh").isEqualTo(1);

        advance(MIN_REFRESH.plusSeconds(1));
        assertThat(validator.validate(ACCOUNT, rotated, Optional.empty()).subject()).isEqualTo("subject");
        assertThat(issuer.jwksRequests()).as("one refresh once the interval passed").isEqualTo(2);
        // The old key is gone from the issuer's set now, and asking again within the interval costs no fetch.
        assertRefused(beforeRotation, StsErrorCode.INVALID_IDENTITY_TOKEN);
        assertRefused(LocalOidcIssuer.signWith(LocalOidcIssuer.newRsaKey("x"),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("x").build(), issuer.claims("client", "subject")),
                StsErrorCode.INVALID_IDENTITY_TOKEN);
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void aRotationThatKeepsTheOldKeyServesBothOnceRefreshed() {
        LocalOidcIssuer issuer = issuer();
        String old = issuer.es256(issuer.claims("client", "subject"));
        validator.validate(ACCOUNT, old, Optional.empty());
        issuer.rotate(true);
        advance(MIN_REFRESH.plusSeconds(1));
        validator.validate(ACCOUNT, issuer.es256(issuer.claims("client", "subject")), Optional.empty());
        validator.validate(ACCOUNT, old, Optional.empty());
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void aFailedFetchIsRememberedThenRetried() {
        LocalOidcIssuer issuer = issuer();
        issuer.serveGarbageJwks();
        String token = issuer.rs256(issuer.claims("client", "subject"));
        assertRefused(token, StsErrorCode.IDP_COMMUNICATION_ERROR);
        issuer.serveNormally();
        assertRefused(token, StsErrorCode.IDP_COMMUNICATION_ERROR);
        assertThat(issuer.jwksRequests()).as("the failure is remembered").isEqualTo(1);
        advance(FAILURE_TTL.plusSeconds(1));
        assertThat(validator.validate(ACCOUNT, token, Optional.empty()).subject()).isEqualTo("subject");
        assertThat(issuer.jwksRequests()).isEqualTo(2);
    }

    @Test
    void concurrentCallersShareOneFetchOfAHangingIssuer() throws Exception {
        LocalOidcIssuer issuer = issuer();
        issuer.hangJwks();
        List<CompletableFuture<StsErrorCode>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String token = issuer.rs256(issuer.claims("client", "subject"));
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    validator.validate(ACCOUNT, token, Optional.empty());
                    return null;
                } catch (StsException e) {
                    return e.errorCode();
                }
            }));
        }
        for (CompletableFuture<StsErrorCode> call : calls) {
            assertThat(call.get(60, TimeUnit.SECONDS)).isEqualTo(StsErrorCode.IDP_COMMUNICATION_ERROR);
        }
        assertThat(issuer.jwksRequests()).as("one fetch in flight per issuer, whoever asks").isEqualTo(1);
        // Control: the same issuer, answering again, validates once the failure is forgotten.
        issuer.serveNormally();
        advance(FAILURE_TTL.plusSeconds(1));
        validator.validate(ACCOUNT, issuer.rs256(issuer.claims("client", "subject")), Optional.empty());
    }

    @Test
    void anHttpsIssuerIsRequiredWhenLoopbackHttpIsNotAllowed() {
        OidcSettings production = new OidcSettings(false, Optional.empty(), "https://sts.example.com", Duration.ofSeconds(60),
                Duration.ofSeconds(2), Duration.ofSeconds(3), 65_536, 4, Duration.ofMinutes(10), MIN_REFRESH, FAILURE_TTL);
        WebIdentityTokenValidator strict = new WebIdentityTokenValidator(iam, production, Clock.systemUTC(), ticker);
        LocalOidcIssuer issuer = issuer();
        String token = issuer.rs256(issuer.claims("client", "subject"));
        assertThatThrownBy(() -> strict.validate(ACCOUNT, token, Optional.empty())).isInstanceOf(StsException.class)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.INVALID_IDENTITY_TOKEN);
        assertThat(issuer.discoveryRequests()).isZero();
        assertThat(validator.validate(ACCOUNT, token, Optional.empty()).subject()).isEqualTo("subject");
    }

    private LocalOidcIssuer issuer() {
        LocalOidcIssuer issuer = LocalOidcIssuer.start();
        issuers.add(issuer);
        iam.createOidcProvider(new OidcProvider(ACCOUNT, issuer.url(), issuer.issuer(), List.of("client"), List.of(),
                List.of(), Instant.now(), null));
        return issuer;
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private void assertRefused(String token, StsErrorCode code) {
        assertThatThrownBy(() -> validator.validate(ACCOUNT, token, Optional.empty())).isInstanceOf(StsException.class)
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(code);
    }
}

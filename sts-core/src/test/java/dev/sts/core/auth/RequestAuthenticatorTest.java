package dev.sts.core.auth;

import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.revocation.Revocation;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SigV4Parser;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.core.sts.SessionIssuer;
import dev.sts.core.token.SessionClaims;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final CallerIdentity ALICE = CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ");
    private static final LongTermCredential ALICE_KEY = new LongTermCredential("AKIAALICE00000000001",
            "aliceSecret/0000000000000000000000000001", true, ALICE);

    private final SessionTokenCodec codec = new SessionTokenCodec(TokenKeyRing.generate("t"));
    private final Map<String, LongTermCredential> keys = new java.util.HashMap<>(Map.of(ALICE_KEY.accessKeyId(), ALICE_KEY));
    private final RevocationList revocations = new RevocationList(CLOCK);
    private final RequestAuthenticator authenticator = new RequestAuthenticator(new SigV4Verifier(CLOCK), codec,
            SigningKeyDirectory.deriving(id -> Optional.ofNullable(keys.get(id))), revocations, CLOCK, "sts");

    @Test
    void longTermKeyAuthenticatesItsOwner() {
        AuthenticatedCaller caller = authenticate(sign(AwsCredentialsIdentity.create(ALICE_KEY.accessKeyId(),
                ALICE_KEY.secretAccessKey())));
        assertThat(caller.identity()).isEqualTo(ALICE);
        assertThat(caller.usesTemporaryCredentials()).isFalse();
    }

    @Test
    void inactiveOrUnknownKeysAreInvalidClientTokenIds() {
        keys.put(ALICE_KEY.accessKeyId(), new LongTermCredential(ALICE_KEY.accessKeyId(), ALICE_KEY.secretAccessKey(),
                false, ALICE));
        assertRefused(sign(AwsCredentialsIdentity.create(ALICE_KEY.accessKeyId(), ALICE_KEY.secretAccessKey())),
                StsErrorCode.INVALID_CLIENT_TOKEN_ID);
        assertRefused(sign(AwsCredentialsIdentity.create("AKIANOBODY0000000001", "x")), StsErrorCode.INVALID_CLIENT_TOKEN_ID);
        assertRefused(sign(AwsCredentialsIdentity.create("NOTAKEY", "x")), StsErrorCode.INVALID_CLIENT_TOKEN_ID);
    }

    @Test
    void longTermKeyWithASessionTokenIsRefused() {
        assertRefused(sign(AwsSessionCredentialsIdentity.create(ALICE_KEY.accessKeyId(), ALICE_KEY.secretAccessKey(),
                "token")), StsErrorCode.INVALID_CLIENT_TOKEN_ID);
    }

    @Test
    void sessionCredentialsAuthenticateWithoutAnyLookup() {
        keys.clear();
        SessionIssuer.IssuedSession issued = new SessionIssuer(codec, CLOCK, "us-east-1")
                .issue(new AuthenticatedCaller(ALICE, ALICE_KEY.accessKeyId(), Optional.empty()), Duration.ofHours(1), true);
        var credentials = issued.credentials();
        AuthenticatedCaller caller = authenticate(sign(AwsSessionCredentialsIdentity.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken())));
        assertThat(caller.identity()).isEqualTo(ALICE);
        assertThat(caller.session()).contains(issued.claims());
    }

    @Test
    void revokedSessionIsRefusedButOnlyForTheSecretsHolder() {
        var credentials = new SessionIssuer(codec, CLOCK, "us-east-1").issue(new AuthenticatedCaller(ALICE, ALICE_KEY.accessKeyId(), Optional.empty()),
                Duration.ofHours(1), false).credentials();
        revocations.apply(Revocation.ofPrincipal(ALICE.arn(), NOW.plusSeconds(1), NOW.plusSeconds(1)));
        assertRefused(sign(AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken())), StsErrorCode.INVALID_CLIENT_TOKEN_ID);
        assertRefused(sign(AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), "guessed",
                credentials.sessionToken())), StsErrorCode.SIGNATURE_DOES_NOT_MATCH);
        // Long-term keys are not sessions: revocation of sessions leaves them alone.
        assertThat(authenticate(sign(AwsCredentialsIdentity.create(ALICE_KEY.accessKeyId(), ALICE_KEY.secretAccessKey())))
                .identity()).isEqualTo(ALICE);
    }

    @Test
    void sessionTokenOfAnotherKeyIdIsRefused() {
        var credentials = new SessionIssuer(codec, CLOCK, "us-east-1").issue(new AuthenticatedCaller(ALICE, "AKIAX", Optional.empty()), Duration.ofHours(1), false)
                .credentials();
        assertRefused(sign(AwsSessionCredentialsIdentity.create("ASIAOTHER00000000001", credentials.secretAccessKey(),
                credentials.sessionToken())), StsErrorCode.INVALID_CLIENT_TOKEN_ID);
        assertRefused(sign(AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())),
                StsErrorCode.INVALID_CLIENT_TOKEN_ID);
    }

    @Test
    void expiredSessionIsExpiredTokenButOnlyForTheSecretsHolder() {
        SessionClaims expired = new SessionClaims("ASIAEXPIRED000000001", "expiredSecret", ALICE,
                NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)), false, "us-east-1", "AKIAX");
        String token = codec.seal(expired);
        assertRefused(sign(AwsSessionCredentialsIdentity.create(expired.accessKeyId(), "expiredSecret", token)),
                StsErrorCode.EXPIRED_TOKEN);
        assertRefused(sign(AwsSessionCredentialsIdentity.create(expired.accessKeyId(), "guessed", token)),
                StsErrorCode.SIGNATURE_DOES_NOT_MATCH);
    }

    private AuthenticatedCaller authenticate(SignedRequest request) {
        return authenticator.authenticate(request, SigV4Parser.parse(request));
    }

    private void assertRefused(SignedRequest request, StsErrorCode code) {
        assertThatThrownBy(() -> authenticate(request)).isInstanceOfSatisfying(StsException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    private static SignedRequest sign(AwsCredentialsIdentity identity) {
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http")
                .host("127.0.0.1").port(8080).encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, CLOCK)).request();
        return new SignedRequest("POST", "/", null, HttpHeaders.of(signed.headers()), body);
    }
}

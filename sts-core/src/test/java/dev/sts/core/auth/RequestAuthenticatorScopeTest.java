package dev.sts.core.auth;

import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.revocation.RevocationList;
import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SigV4Parser;
import dev.sts.core.sigv4.SigV4Verifier;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.core.token.SessionTokenCodec;
import dev.sts.core.token.TokenKeyRing;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The credential scope's region is refused before the authenticator spends anything on finding the key. */
class RequestAuthenticatorScopeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final LongTermCredential ALICE_KEY = new LongTermCredential("AKIAALICE00000000001",
            "aliceSecret/0000000000000000000000000001", true,
            CallerIdentity.user("111111111111", "/", "alice", "AIDAABCDEFGHIJKLMNOPQ"));

    private final List<String> lookups = new ArrayList<>();
    private final RequestAuthenticator authenticator = new RequestAuthenticator(new SigV4Verifier(CLOCK, "us-east-1"),
            new SessionTokenCodec(TokenKeyRing.generate("t")), SigningKeyDirectory.deriving(id -> {
                lookups.add(id);
                return Optional.of(ALICE_KEY).filter(key -> key.accessKeyId().equals(id));
            }), new RevocationList(CLOCK), CLOCK, "sts");

    @Test
    void aKeySignedForTheEndpointsRegionIsLookedUpAndAuthenticated() {
        SignedRequest request = sign("us-east-1");

        assertThat(authenticator.authenticate(request, SigV4Parser.parse(request)).identity().name()).isEqualTo("alice");
        assertThat(lookups).containsExactly(ALICE_KEY.accessKeyId());
    }

    @Test
    void aKeySignedForAnotherRegionIsRefusedWithoutALookup() {
        SignedRequest request = sign("eu-west-1");

        assertThatThrownBy(() -> authenticator.authenticate(request, SigV4Parser.parse(request)))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StsErrorCode.SIGNATURE_DOES_NOT_MATCH))
                .hasMessage("Credential should be scoped to a valid region, not 'eu-west-1'. ");
        assertThat(lookups).isEmpty();
    }

    private static SignedRequest sign(String region) {
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http")
                .host("127.0.0.1").port(8080).encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ALICE_KEY.accessKeyId(), ALICE_KEY.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, CLOCK)).request();
        return new SignedRequest("POST", "/", null, HttpHeaders.of(signed.headers()), body);
    }
}

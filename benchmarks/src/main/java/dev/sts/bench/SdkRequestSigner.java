package dev.sts.bench;

import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SignedRequest;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Signs requests with the AWS SDK for Java v2's {@link AwsV4HttpSigner} at {@link StsFixtures#SIGNED_AT}, with
 * the headers the SDK's STS client sends, and hands back what the server receives as a {@link SignedRequest}.
 * Used only in {@code @Setup}: signing is the client's cost, not ours.
 */
final class SdkRequestSigner {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final Clock SIGNING_CLOCK = Clock.fixed(StsFixtures.SIGNED_AT, ZoneOffset.UTC);

    private SdkRequestSigner() {
    }

    /** A Query-protocol POST to {@code /} with the form body in the payload and SigV4 in the Authorization header. */
    static SignedRequest formPost(AwsCredentialsIdentity identity, String formBody) {
        byte[] body = formBody.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = sdkClientRequest(SdkHttpMethod.POST)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        return sign(identity, request, body, null);
    }

    /**
     * A presigned GET: the parameters and the signature all in the query string, with {@code X-Amz-Expires}.
     * {@code extraHeaders} are signed too, as {@code x-k8s-aws-id} is in the EKS-style identity proof.
     */
    static SignedRequest presignedGet(AwsCredentialsIdentity identity, Map<String, String> parameters,
                                      Map<String, String> extraHeaders, Duration expiry) {
        SdkHttpRequest.Builder builder = sdkClientRequest(SdkHttpMethod.GET);
        parameters.forEach(builder::appendRawQueryParameter);
        extraHeaders.forEach(builder::putHeader);
        return sign(identity, builder.build(), null, expiry);
    }

    /** The request as the SDK's STS client builds it before signing (invocation id, retry header, user agent). */
    private static SdkHttpRequest.Builder sdkClientRequest(SdkHttpMethod method) {
        return SdkHttpRequest.builder()
                .method(method)
                .protocol(StsFixtures.PROTOCOL)
                .host(StsFixtures.HOST)
                .port(StsFixtures.PORT)
                .encodedPath("/")
                .putHeader("amz-sdk-invocation-id", UUID.nameUUIDFromBytes(new byte[] {42}).toString())
                .putHeader("amz-sdk-request", "attempt=1; max=4")
                .putHeader("User-Agent", StsFixtures.USER_AGENT);
    }

    private static SignedRequest sign(AwsCredentialsIdentity identity, SdkHttpRequest request, byte[] body,
                                      Duration presignExpiry) {
        var signed = SIGNER.sign(r -> {
            r.identity(identity)
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, StsFixtures.SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, StsFixtures.REGION)
                    .putProperty(HttpSigner.SIGNING_CLOCK, SIGNING_CLOCK);
            if (body != null) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
            if (presignExpiry != null) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presignExpiry);
            }
        });
        SdkHttpRequest wire = signed.request();
        return new SignedRequest(wire.method().name(), wire.encodedPath(), wire.getUri().getRawQuery(),
                HttpHeaders.of(wire.headers()), body);
    }
}

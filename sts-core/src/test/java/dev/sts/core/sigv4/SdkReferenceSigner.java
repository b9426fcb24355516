package dev.sts.core.sigv4;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Signs requests with the AWS SDK for Java v2 signer, the independent reference our verifier must agree with,
 * and turns the result into the {@link SignedRequest} a server would receive.
 */
final class SdkReferenceSigner {
    static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String SESSION_ACCESS_KEY_ID = "ASIAIOSFODNN7EXAMPLE";
    static final String SESSION_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLE//////////wEaDEXAMPLETOKEN+/=";
    static final String HOST = "sts.amazonaws.com";
    static final Instant SIGNED_AT = Instant.parse("2026-11-23T10:00:00Z");
    static final String FORM_BODY = "Action=GetCallerIdentity&Version=2011-06-15";

    private final AwsCredentialsIdentity identity;
    private String service = "sts";
    private String region = "us-east-1";
    private Instant signedAt = SIGNED_AT;
    private Duration presignExpiry;
    private boolean queryAuth;
    private boolean payloadSigning = true;

    private SdkReferenceSigner(AwsCredentialsIdentity identity) {
        this.identity = identity;
    }

    static SdkReferenceSigner longTerm() {
        return new SdkReferenceSigner(AwsCredentialsIdentity.create(ACCESS_KEY_ID, SECRET));
    }

    static SdkReferenceSigner session() {
        return new SdkReferenceSigner(AwsSessionCredentialsIdentity.create(SESSION_ACCESS_KEY_ID, SESSION_SECRET, SESSION_TOKEN));
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    SdkReferenceSigner service(String service) {
        this.service = service;
        return this;
    }

    SdkReferenceSigner region(String region) {
        this.region = region;
        return this;
    }

    SdkReferenceSigner at(Instant signedAt) {
        this.signedAt = signedAt;
        return this;
    }

    /** Presign: auth in the query string with X-Amz-Expires. */
    SdkReferenceSigner presigned(Duration expiry) {
        this.queryAuth = true;
        this.presignExpiry = expiry;
        return this;
    }

    /** Auth in the query string without X-Amz-Expires. */
    SdkReferenceSigner queryAuth() {
        this.queryAuth = true;
        return this;
    }

    SdkReferenceSigner unsignedPayload() {
        this.payloadSigning = false;
        return this;
    }

    /** The STS call every SDK makes: a form-encoded POST to /. */
    SignedRequest signFormPost(String body) {
        return sign(base(SdkHttpMethod.POST, "/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A GET with the given still-encoded path and raw (decoded) query parameters. */
    SignedRequest signGet(String encodedPath, Map<String, String> rawQuery) {
        SdkHttpRequest.Builder builder = base(SdkHttpMethod.GET, encodedPath);
        rawQuery.forEach(builder::appendRawQueryParameter);
        return sign(builder.build(), null);
    }

    SignedRequest sign(UnaryOperator<SdkHttpRequest.Builder> customise, byte[] body) {
        return sign(customise.apply(base(SdkHttpMethod.POST, "/")).build(), body);
    }

    static SdkHttpRequest.Builder base(SdkHttpMethod method, String encodedPath) {
        return SdkHttpRequest.builder()
                .method(method)
                .protocol("https")
                .host(HOST)
                .encodedPath(encodedPath);
    }

    SignedRequest sign(SdkHttpRequest request, byte[] body) {
        var signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity)
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clockAt(signedAt))
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning);
            if (body != null) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
            if (queryAuth) {
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING);
                if (presignExpiry != null) {
                    r.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presignExpiry);
                }
            }
        });
        return received(signed.request(), body);
    }

    /** What a server sees: the path and query exactly as the SDK would put them on the wire, plus every header. */
    static SignedRequest received(SdkHttpRequest request, byte[] body) {
        return new SignedRequest(request.method().name(), request.encodedPath(), request.getUri().getRawQuery(),
                HttpHeaders.of(request.headers()), body);
    }
}

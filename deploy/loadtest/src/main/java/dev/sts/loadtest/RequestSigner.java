package dev.sts.loadtest;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds one STS request as the AWS SDK's STS client does (a form POST to {@code /}), signs it with the SDK's own
 * {@link AwsV4HttpSigner} (SigV4, Authorization header, signed at the current time), and returns the exact bytes
 * to write on a keep-alive HTTP/1.1 connection. An {@link StsAction#unsigned() unsigned} action's request goes
 * without a signature, as the SDK sends it (its token is in the body). Thread-safe.
 */
final class RequestSigner {
    private static final String USER_AGENT = "sts-loadtest/0.1 (aws-sdk-java-v2 AwsV4HttpSigner)";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsIdentity identity;
    private final LoadTestOptions options;
    private final URI endpoint;
    private final String webIdentityToken;

    /**
     * @param key              the signing key; unused by an unsigned action
     * @param webIdentityToken AssumeRoleWithWebIdentity's token, or null for the other actions
     */
    RequestSigner(LoadTestOptions options, SigningKey key, String webIdentityToken) {
        this.options = options;
        this.identity = key.identity();
        this.endpoint = options.endpoint();
        this.webIdentityToken = webIdentityToken;
    }

    /** Request number {@code sequence}, signed now. */
    byte[] sign(long sequence) {
        byte[] body = options.action().formBody(options, sequence, webIdentityToken).getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol("http")
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("amz-sdk-invocation-id", UUID.randomUUID().toString())
                .putHeader("amz-sdk-request", "attempt=1; max=4")
                .putHeader("User-Agent", USER_AGENT)
                .build();
        if (options.action().unsigned()) {
            return wire(unsigned, body);
        }
        SdkHttpRequest signed = signer.sign(r -> r.identity(identity)
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, options.region())).request();
        return wire(signed, body);
    }

    private static byte[] wire(SdkHttpRequest request, byte[] body) {
        StringBuilder head = new StringBuilder(1024);
        head.append("POST / HTTP/1.1\r\n");
        boolean host = false;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            host |= header.getKey().equalsIgnoreCase("Host");
            for (String value : header.getValue()) {
                head.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (!host) {
            // The signer signs the host from the request's host and port; it is sent exactly so.
            head.append("Host: ").append(request.host()).append(':').append(request.port()).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }
}

package dev.sts.core.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request claims about its own signature, before anything is verified.
 *
 * @param accessKeyId     the access key id from the credential
 * @param scope           the credential scope the signature was made for
 * @param signedHeaders   the names of the signed headers, lower-cased, in the order the request listed them
 * @param signature       64 lower-case hex characters
 * @param requestTime     from {@code X-Amz-Date} (header or query parameter) or else the {@code Date} header
 * @param securityToken   {@code X-Amz-Security-Token}, sent by holders of temporary credentials
 * @param presigned       whether the signature came in the query string rather than the {@code Authorization} header
 * @param presignedExpiry {@code X-Amz-Expires}, when the query string carried it
 */
public record SignatureClaim(String accessKeyId, CredentialScope scope, List<String> signedHeaders, String signature,
                             Instant requestTime, Optional<String> securityToken, boolean presigned,
                             Optional<Duration> presignedExpiry) {

    public SignatureClaim {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(scope, "scope");
        signedHeaders = List.copyOf(signedHeaders);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(requestTime, "requestTime");
        Objects.requireNonNull(securityToken, "securityToken");
        Objects.requireNonNull(presignedExpiry, "presignedExpiry");
    }

    /** Leaves the session token out: logs are no place for it. */
    @Override
    public String toString() {
        return "SignatureClaim[accessKeyId=" + accessKeyId + ", scope=" + scope + ", signedHeaders=" + signedHeaders
                + ", requestTime=" + requestTime + ", securityToken=" + (securityToken.isPresent() ? "<present>" : "<none>")
                + ", presigned=" + presigned + ", presignedExpiry=" + presignedExpiry.map(Duration::toString).orElse("<none>")
                + "]";
    }
}

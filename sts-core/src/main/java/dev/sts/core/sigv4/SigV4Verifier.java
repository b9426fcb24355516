package dev.sts.core.sigv4;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.crypto.Mac;

/**
 * Verifies a {@link SignatureClaim} against the request it came with and the caller's secret (temporary credentials,
 * whose secret is sealed in the session token) or the signing key derived from it for the claim's scope (long-term
 * keys, whose secrets never leave policy-service: {@link #verifyWithSigningKey}).
 * <p>
 * Checks, in order, each refusal naming the first thing that failed:
 * <ol>
 *   <li>the request time is within {@link #ALLOWED_SKEW} of the clock ({@code Signature expired: ...} /
 *       {@code Signature not yet current: ...}, as AWS words them). A presigned URL with {@code X-Amz-Expires}
 *       is instead good from its {@code X-Amz-Date} (less the skew) until {@code X-Amz-Date + X-Amz-Expires};</li>
 *   <li>the scope date is the request's date, the scope service is the expected one, and the scope region is
 *       the endpoint's own ({@code Credential should be scoped to a valid region, not 'eu-west-1'. }, as AWS
 *       words it), when this verifier was built for an endpoint region or the call names one. These checks need
 *       no secret, so {@link #checkScope} lets a caller make them before it looks a key up;</li>
 *   <li>{@code host} is signed, and so is {@code x-amz-security-token} when it is sent as a header
 *       ({@code IncompleteSignature});</li>
 *   <li>a declared {@code x-amz-content-sha256} is the body's hash ({@code UNSIGNED-PAYLOAD} is refused unless
 *       this verifier was built to accept it);</li>
 *   <li>the recomputed signature equals the claimed one, compared in constant time.</li>
 * </ol>
 * All refusals are {@link StsException}s; their messages never carry the secret, the signing key or the
 * expected signature. Instances are thread-safe and meant to be shared: they cache derived signing keys.
 */
public final class SigV4Verifier {
    /** How far the request time may be from the clock, either way. */
    public static final Duration ALLOWED_SKEW = Duration.ofMinutes(5);
    /** Enough for every caller's key for a day across a few regions; each entry is about 200 bytes. */
    public static final int DEFAULT_SIGNING_KEY_CACHE_SIZE = 4096;

    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";
    private static final String HOST = "host";

    private final Clock clock;
    private final boolean acceptUnsignedPayload;
    private final SigningKeyCache signingKeys;
    /** The region every scope must name, or {@code null} for any (see {@link #SigV4Verifier(Clock, String)}). */
    private final String endpointRegion;

    /** A verifier that requires signed payloads and caches up to {@value #DEFAULT_SIGNING_KEY_CACHE_SIZE} keys. */
    public SigV4Verifier(Clock clock) {
        this(clock, false, DEFAULT_SIGNING_KEY_CACHE_SIZE);
    }

    /**
     * A verifier for one endpoint: every scope must name {@code endpointRegion} (the global endpoint's is
     * {@code us-east-1}, for STS and IAM alike), as AWS requires. {@code null} accepts any region, for callers
     * that verify requests made to other endpoints than their own (the authorize API).
     */
    public SigV4Verifier(Clock clock, String endpointRegion) {
        this(clock, false, DEFAULT_SIGNING_KEY_CACHE_SIZE, endpointRegion);
    }

    /**
     * @param acceptUnsignedPayload whether {@code x-amz-content-sha256: UNSIGNED-PAYLOAD} is accepted. Query-protocol
     *                              parameters travel in the body, so accepting it lets anyone who sees a request's
     *                              headers replay them with a body of their own for five minutes.
     * @param signingKeyCacheSize   how many derived signing keys to keep; 0 turns the cache off
     */
    public SigV4Verifier(Clock clock, boolean acceptUnsignedPayload, int signingKeyCacheSize) {
        this(clock, acceptUnsignedPayload, signingKeyCacheSize, null);
    }

    /** As {@link #SigV4Verifier(Clock, boolean, int)}, for the endpoint region of {@link #SigV4Verifier(Clock, String)}. */
    public SigV4Verifier(Clock clock, boolean acceptUnsignedPayload, int signingKeyCacheSize, String endpointRegion) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.acceptUnsignedPayload = acceptUnsignedPayload;
        this.signingKeys = new SigningKeyCache(signingKeyCacheSize);
        this.endpointRegion = endpointRegion;
    }

    /**
     * Verifies {@code claim}; its scope must name this verifier's endpoint region, if it was built with one.
     *
     * @throws StsException {@code SignatureDoesNotMatch} or {@code IncompleteSignature}, see the class comment;
     *         {@code MalformedQueryString} for an invalid percent-escape in the query string
     */
    public void verify(SignedRequest request, SignatureClaim claim, String secretAccessKey, String expectedService) {
        verify(request, claim, secretAccessKey, expectedService, endpointRegion);
    }

    /**
     * The checks of the credential scope alone (date, service, this verifier's endpoint region), which need no
     * secret: a caller runs them before it spends anything on finding the key. {@link #verify} repeats them.
     *
     * @throws StsException {@code SignatureDoesNotMatch} naming the first part of the scope that is wrong
     */
    public void checkScope(SignatureClaim claim, String expectedService) {
        checkScope(claim, Objects.requireNonNull(expectedService, "expectedService"), endpointRegion);
    }

    /**
     * Verifies {@code claim}, also requiring its scope to name {@code expectedRegion} (when not {@code null}).
     *
     * @throws StsException {@code SignatureDoesNotMatch} or {@code IncompleteSignature}, see the class comment;
     *         {@code MalformedQueryString} for an invalid percent-escape in the query string
     */
    public void verify(SignedRequest request, SignatureClaim claim, String secretAccessKey, String expectedService,
                       String expectedRegion) {
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        verify(request, claim, expectedService, expectedRegion,
                mac -> signingKeys.signingKey(mac, secretAccessKey, claim.scope()));
    }

    /**
     * Verifies {@code claim} with the signing key derived for its scope ({@link SigningKeys}) instead of the secret:
     * how long-term keys are verified, since their secrets never leave policy-service. The scope must name this
     * verifier's endpoint region, if it was built with one. The caller must have asked for the key of exactly
     * {@code claim.scope()}; a key of another scope only ever fails to match.
     *
     * @throws StsException as {@link #verify(SignedRequest, SignatureClaim, String, String)}
     */
    public void verifyWithSigningKey(SignedRequest request, SignatureClaim claim, byte[] signingKey,
                                     String expectedService) {
        Objects.requireNonNull(signingKey, "signingKey");
        if (signingKey.length != SigningKeys.LENGTH) {
            throw new IllegalArgumentException("a SigV4 signing key has " + SigningKeys.LENGTH + " bytes");
        }
        verify(request, claim, expectedService, endpointRegion, mac -> signingKey);
    }

    private void verify(SignedRequest request, SignatureClaim claim, String expectedService, String expectedRegion,
                        Function<Mac, byte[]> signingKey) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(expectedService, "expectedService");

        checkTime(claim, clock.instant());
        checkScope(claim, expectedService, expectedRegion);
        checkSignedHeaders(request, claim);
        String payloadHash = payloadHash(request);

        String canonicalRequest = CanonicalRequest.of(request, claim.signedHeaders(), claim.presigned(), payloadHash);
        byte[] expected = signature(canonicalRequest, claim, signingKey);
        byte[] provided = claim.signature().getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, provided)) {
            throw mismatch(SIGNATURE_MISMATCH);
        }
    }

    /** The lower-case hex signature of a canonical request under the claim's scope, as ASCII bytes. */
    private static byte[] signature(String canonicalRequest, SignatureClaim claim,
                                    Function<Mac, byte[]> signingKey) {
        byte[] canonicalHash = Hmac.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        String stringToSign = SigV4Parser.ALGORITHM + '\n' + AmzDate.format(claim.requestTime()) + '\n'
                + claim.scope() + '\n' + Hmac.hex(canonicalHash);
        Mac mac = Hmac.mac();
        byte[] key = signingKey.apply(mac);
        byte[] signature = Hmac.sign(mac, key, stringToSign.getBytes(StandardCharsets.UTF_8));
        return Hmac.hex(signature).getBytes(StandardCharsets.US_ASCII);
    }

    private static void checkTime(SignatureClaim claim, Instant now) {
        Instant requestTime = claim.requestTime();
        Instant latest = now.plus(ALLOWED_SKEW);
        if (requestTime.isAfter(latest)) {
            throw mismatch("Signature not yet current: " + AmzDate.format(requestTime) + " is still later than "
                    + AmzDate.format(latest) + " (" + AmzDate.format(now) + " + 5 min.)");
        }
        if (claim.presigned() && claim.presignedExpiry().isPresent()) {
            Duration expiry = claim.presignedExpiry().get();
            if (expiry.getSeconds() < 1 || expiry.getSeconds() > SigV4Parser.MAX_PRESIGNED_EXPIRY_SECONDS
                    || expiry.getNano() != 0) {
                throw new StsException(StsErrorCode.INCOMPLETE_SIGNATURE, "X-Amz-Expires must be between 1 and "
                        + SigV4Parser.MAX_PRESIGNED_EXPIRY_SECONDS + " seconds.");
            }
            Instant expiresAt = requestTime.plus(expiry);
            if (now.isAfter(expiresAt)) {
                throw mismatch("Signature expired: the presigned request signed at " + AmzDate.format(requestTime)
                        + " with X-Amz-Expires=" + expiry.getSeconds() + " expired at " + AmzDate.format(expiresAt)
                        + "; it is now " + AmzDate.format(now) + ".");
            }
            return;
        }
        Instant earliest = now.minus(ALLOWED_SKEW);
        if (requestTime.isBefore(earliest)) {
            throw mismatch("Signature expired: " + AmzDate.format(requestTime) + " is now earlier than "
                    + AmzDate.format(earliest) + " (" + AmzDate.format(now) + " - 5 min.)");
        }
    }

    private static void checkScope(SignatureClaim claim, String expectedService, String expectedRegion) {
        CredentialScope scope = claim.scope();
        String requestDate = AmzDate.scopeDate(claim.requestTime());
        if (!scope.date().equals(requestDate)) {
            throw mismatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + SigV4Parser.printable(scope.date()) + "' != '" + requestDate + "', from '"
                    + AmzDate.format(claim.requestTime()) + "'.");
        }
        if (!scope.service().equals(expectedService)) {
            throw mismatch("Credential should be scoped to correct service: '" + expectedService + "'.");
        }
        if (expectedRegion != null && !scope.region().equals(expectedRegion)) {
            // The parser let only [a-z0-9-]{1,64} through, so the region is safe to echo, as AWS does.
            throw mismatch("Credential should be scoped to a valid region, not '" + scope.region() + "'. ");
        }
    }

    private static void checkSignedHeaders(SignedRequest request, SignatureClaim claim) {
        List<String> signed = claim.signedHeaders();
        if (!signed.contains(HOST)) {
            throw new StsException(StsErrorCode.INCOMPLETE_SIGNATURE,
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (request.headers().contains(SigV4Parser.X_AMZ_SECURITY_TOKEN) && !signed.contains(SigV4Parser.X_AMZ_SECURITY_TOKEN)) {
            throw new StsException(StsErrorCode.INCOMPLETE_SIGNATURE,
                    "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization when it is sent as a header.");
        }
    }

    /** The declared payload hash when there is one and it holds, else the body's hash. */
    private String payloadHash(SignedRequest request) {
        List<String> declared = request.headers().all(X_AMZ_CONTENT_SHA256);
        String bodyHash = Hmac.hex(Hmac.sha256(request.body()));
        if (declared.isEmpty()) {
            return bodyHash;
        }
        String value = declared.get(0).trim();
        if (declared.size() > 1) {
            throw mismatch("Only one 'x-amz-content-sha256' header is allowed.");
        }
        if (value.equals(UNSIGNED_PAYLOAD)) {
            if (!acceptUnsignedPayload) {
                throw mismatch("This service requires a signed payload; 'x-amz-content-sha256: UNSIGNED-PAYLOAD' is not accepted.");
            }
            return value;
        }
        if (!value.equalsIgnoreCase(bodyHash)) {
            throw mismatch("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        return value;
    }

    private static StsException mismatch(String message) {
        return new StsException(StsErrorCode.SIGNATURE_DOES_NOT_MATCH, message);
    }
}

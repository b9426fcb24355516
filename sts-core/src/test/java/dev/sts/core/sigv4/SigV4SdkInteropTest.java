package dev.sts.core.sigv4;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.sts.core.sigv4.SdkReferenceSigner.ACCESS_KEY_ID;
import static dev.sts.core.sigv4.SdkReferenceSigner.FORM_BODY;
import static dev.sts.core.sigv4.SdkReferenceSigner.SECRET;
import static dev.sts.core.sigv4.SdkReferenceSigner.SESSION_ACCESS_KEY_ID;
import static dev.sts.core.sigv4.SdkReferenceSigner.SESSION_SECRET;
import static dev.sts.core.sigv4.SdkReferenceSigner.SESSION_TOKEN;
import static dev.sts.core.sigv4.SdkReferenceSigner.SIGNED_AT;
import static dev.sts.core.sigv4.SdkReferenceSigner.clockAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests signed by the AWS SDK for Java v2 must verify; any change to a signed part must not. */
class SigV4SdkInteropTest {
    private static final String MISMATCH = SigV4Verifier.SIGNATURE_MISMATCH;
    private final SigV4Verifier verifier = new SigV4Verifier(clockAt(SIGNED_AT.plusSeconds(2)));

    private void verify(SignedRequest request, String secret) {
        verifier.verify(request, SigV4Parser.parse(request), secret, "sts");
    }

    private void assertAccepted(SignedRequest request) {
        assertThatCode(() -> verify(request, SECRET)).doesNotThrowAnyException();
    }

    private void assertRefused(SignedRequest request, String secret, StsErrorCode code, String message) {
        assertThatThrownBy(() -> verify(request, secret))
                .isInstanceOf(StsException.class)
                .satisfies(e -> assertThat(((StsException) e).errorCode()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    private static SignedRequest withBody(SignedRequest r, String body) {
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static SignedRequest withHeaders(SignedRequest r, HttpHeaders headers) {
        return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
    }

    private static SignedRequest withQuery(SignedRequest r, String rawQuery) {
        return new SignedRequest(r.method(), r.rawPath(), rawQuery, r.headers(), r.body());
    }

    private static SignedRequest withPath(SignedRequest r, String rawPath) {
        return new SignedRequest(r.method(), rawPath, r.rawQuery(), r.headers(), r.body());
    }

    private static String authorization(SignedRequest r) {
        return r.headers().first("Authorization").orElseThrow();
    }

    @Nested
    class Accepted {
        @Test
        void formPostSignedForStsInUsEast1IsAccepted() {
            SignedRequest request = SdkReferenceSigner.longTerm().signFormPost(FORM_BODY);

            SignatureClaim claim = SigV4Parser.parse(request);
            assertThat(claim.accessKeyId()).isEqualTo(ACCESS_KEY_ID);
            assertThat(claim.scope()).isEqualTo(new CredentialScope("20261123", "us-east-1", "sts"));
            assertThat(claim.scope().toString()).isEqualTo("20261123/us-east-1/sts/aws4_request");
            assertThat(claim.signedHeaders()).containsExactly("content-type", "host", "x-amz-content-sha256", "x-amz-date");
            assertThat(claim.requestTime()).isEqualTo(SIGNED_AT);
            assertThat(claim.presigned()).isFalse();
            assertThat(claim.securityToken()).isEmpty();
            assertThatCode(() -> verifier.verify(request, claim, SECRET, "sts", "us-east-1")).doesNotThrowAnyException();
        }

        @Test
        void sessionCredentialsAreAcceptedAndTheTokenIsInTheClaim() {
            SignedRequest request = SdkReferenceSigner.session().signFormPost(FORM_BODY);

            SignatureClaim claim = SigV4Parser.parse(request);
            assertThat(claim.accessKeyId()).isEqualTo(SESSION_ACCESS_KEY_ID);
            assertThat(claim.securityToken()).contains(SESSION_TOKEN);
            assertThat(claim.signedHeaders()).contains("x-amz-security-token");
            assertThatCode(() -> verifier.verify(request, claim, SESSION_SECRET, "sts")).doesNotThrowAnyException();
        }

        @Test
        void presignedGetIsAccepted() {
            SignedRequest request = SdkReferenceSigner.longTerm().presigned(Duration.ofMinutes(15))
                    .signGet("/", Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));

            assertThat(request.headers().contains("Authorization")).isFalse();
            SignatureClaim claim = SigV4Parser.parse(request);
            assertThat(claim.presigned()).isTrue();
            assertThat(claim.presignedExpiry()).contains(Duration.ofMinutes(15));
            assertThat(claim.signedHeaders()).containsExactly("host");
            assertAccepted(request);
        }

        @Test
        void presignedGetWithSessionTokenIsAcceptedAndTheTokenIsInTheClaim() {
            SignedRequest request = SdkReferenceSigner.session().presigned(Duration.ofMinutes(15))
                    .signGet("/", Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));

            assertThat(request.rawQuery()).contains("X-Amz-Security-Token=");
            SignatureClaim claim = SigV4Parser.parse(request);
            assertThat(claim.securityToken()).contains(SESSION_TOKEN);
            assertThatCode(() -> verifier.verify(request, claim, SESSION_SECRET, "sts")).doesNotThrowAnyException();
        }

        @Test
        void queryAuthWithoutExpiryIsAccepted() {
            SignedRequest request = SdkReferenceSigner.longTerm().queryAuth()
                    .signGet("/", Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));

            SignatureClaim claim = SigV4Parser.parse(request);
            assertThat(claim.presigned()).isTrue();
            assertThat(claim.presignedExpiry()).isEmpty();
            assertAccepted(request);
        }

        @Test
        void presignedPostWithFormBodySignsTheBodyHash() {
            SignedRequest request = SdkReferenceSigner.longTerm().presigned(Duration.ofMinutes(5)).signFormPost(FORM_BODY);

            assertAccepted(request);
            assertRefused(withBody(request, "Action=AssumeRole&Version=2011-06-15"), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void headersAddedAfterSigningDoNotMatter() {
            SignedRequest request = SdkReferenceSigner.longTerm().signFormPost(FORM_BODY);

            assertAccepted(withHeaders(request, request.headers()
                    .with("User-Agent", "aws-cli/2.0")
                    .with("Content-Length", String.valueOf(FORM_BODY.length()))
                    .with("X-Forwarded-For", "10.0.0.1")));
        }

        @Test
        void headerNamesAreMatchedWhateverTheirCase() {
            SignedRequest request = SdkReferenceSigner.longTerm().signFormPost(FORM_BODY);
            Map<String, java.util.List<String>> shouted = new LinkedHashMap<>();
            request.headers().names().forEach(n -> shouted.put(n.toUpperCase(java.util.Locale.ROOT), request.headers().all(n)));

            assertAccepted(withHeaders(request, HttpHeaders.of(shouted)));
        }

        @Test
        void signedHeaderValuesAreTrimmedAndMultipleValuesJoined() {
            SignedRequest request = SdkReferenceSigner.longTerm().sign(b -> b
                    .putHeader("X-Custom", java.util.List.of("  first   value ", "second\tvalue"))
                    .putHeader("X-Quoted", " \"a   b   c\" "), FORM_BODY.getBytes(StandardCharsets.UTF_8));

            assertThat(SigV4Parser.parse(request).signedHeaders()).contains("x-custom", "x-quoted");
            assertAccepted(request);
        }

        @Test
        void requestsAtTheEdgeOfTheFiveMinuteWindowAreAccepted() {
            SignedRequest request = SdkReferenceSigner.longTerm().signFormPost(FORM_BODY);
            SignatureClaim claim = SigV4Parser.parse(request);

            for (Duration offset : new Duration[] {Duration.ofMinutes(5), Duration.ofMinutes(-5), Duration.ofSeconds(299)}) {
                SigV4Verifier at = new SigV4Verifier(clockAt(SIGNED_AT.plus(offset)));
                assertThatCode(() -> at.verify(request, claim, SECRET, "sts")).as("clock offset %s", offset)
                        .doesNotThrowAnyException();
            }
        }

        @Test
        void presignedUrlStaysGoodUntilItsExpiryEvenPastFiveMinutes() {
            SignedRequest request = SdkReferenceSigner.longTerm().presigned(Duration.ofHours(1))
                    .signGet("/", Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));
            SignatureClaim claim = SigV4Parser.parse(request);

            new SigV4Verifier(clockAt(SIGNED_AT.plus(Duration.ofMinutes(30)))).verify(request, claim, SECRET, "sts");
            new SigV4Verifier(clockAt(SIGNED_AT.plus(Duration.ofHours(1)))).verify(request, claim, SECRET, "sts");
        }

        @Test
        void anySigningRegionIsAcceptedWhenNoneIsRequired() {
            SignedRequest request = SdkReferenceSigner.longTerm().region("eu-west-1").signFormPost(FORM_BODY);

            assertAccepted(request);
        }
    }

    @Nested
    class Tampering {
        private final SignedRequest request = SdkReferenceSigner.longTerm().signFormPost(FORM_BODY);

        @Test
        void changedBodyIsRefusedByTheDeclaredPayloadHash() {
            assertRefused(withBody(request, "Action=GetCallerIdentity&Version=2011-06-16"), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, "x-amz-content-sha256");
        }

        @Test
        void changedBodyIsRefusedWhenThePayloadHashHeaderIsAlsoDropped() {
            SignedRequest tampered = withHeaders(withBody(request, "Action=AssumeRole"),
                    request.headers().without("x-amz-content-sha256"));

            assertRefused(tampered, SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void changedBodyWithAMatchingPayloadHashIsRefused() {
            String body = "Action=AssumeRole&Version=2011-06-15";
            String hash = Hmac.hex(Hmac.sha256(body.getBytes(StandardCharsets.UTF_8)));
            SignedRequest tampered = withHeaders(withBody(request, body), request.headers().with("x-amz-content-sha256", hash));

            assertRefused(tampered, SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void changedSignedHeaderIsRefused() {
            assertRefused(withHeaders(request, request.headers().with("Content-Type", "application/json")), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void changedHostIsRefused() {
            assertRefused(withHeaders(request, request.headers().with("Host", "sts.evil.example")), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void droppedSignedHeaderIsRefused() {
            assertRefused(withHeaders(request, request.headers().without("Content-Type")), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void requestTimeMovedBySecondsIsRefused() {
            assertRefused(withHeaders(request, request.headers().with("X-Amz-Date", "20261123T100001Z")), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void addedQueryParameterIsRefused() {
            assertRefused(withQuery(request, "Action=AssumeRole"), SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void changedPathIsRefused() {
            assertRefused(withPath(request, "/iam"), SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void changedMethodIsRefused() {
            SignedRequest put = new SignedRequest("PUT", request.rawPath(), request.rawQuery(), request.headers(), request.body());

            assertRefused(put, SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void wrongSecretIsRefused() {
            assertRefused(request, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ", StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void changedSignatureIsRefused() {
            String auth = authorization(request);
            char last = auth.charAt(auth.length() - 1);
            String flipped = auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0');

            assertRefused(withHeaders(request, request.headers().with("Authorization", flipped)), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void regionRewrittenInTheCredentialIsRefused() {
            String rewritten = authorization(request).replace("/us-east-1/", "/us-west-2/");

            assertRefused(withHeaders(request, request.headers().with("Authorization", rewritten)), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void signedHeadersListShortenedIsRefused() {
            String shortened = authorization(request).replace("SignedHeaders=content-type;", "SignedHeaders=");

            assertRefused(withHeaders(request, request.headers().with("Authorization", shortened)), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void mismatchMessagesNeverCarryTheSecretOrTheExpectedSignature() {
            SignatureClaim claim = SigV4Parser.parse(request);
            SignedRequest tampered = withHeaders(request, request.headers().with("Content-Type", "text/plain"));

            assertThatThrownBy(() -> verifier.verify(tampered, claim, SECRET, "sts"))
                    .isInstanceOf(StsException.class)
                    .hasMessage(MISMATCH)
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Nested
    class PresignedTampering {
        private final SignedRequest request = SdkReferenceSigner.session().presigned(Duration.ofMinutes(15))
                .signGet("/", Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));

        private void refused(SignedRequest tampered) {
            assertThatThrownBy(() -> verify(tampered, SESSION_SECRET))
                    .isInstanceOf(StsException.class)
                    .satisfies(e -> assertThat(((StsException) e).errorCode()).isEqualTo(StsErrorCode.SIGNATURE_DOES_NOT_MATCH));
        }

        @Test
        void untouchedIsAccepted() {
            assertThatCode(() -> verify(request, SESSION_SECRET)).doesNotThrowAnyException();
        }

        @Test
        void changedActionIsRefused() {
            refused(withQuery(request, request.rawQuery().replace("Action=GetCallerIdentity", "Action=AssumeRole")));
        }

        @Test
        void addedParameterIsRefused() {
            refused(withQuery(request, request.rawQuery() + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fadmin"));
        }

        @Test
        void longerExpiryIsRefused() {
            refused(withQuery(request, request.rawQuery().replace("X-Amz-Expires=900", "X-Amz-Expires=3600")));
        }

        @Test
        void swappedSessionTokenIsRefused() {
            String token = "X-Amz-Security-Token=" + java.net.URLEncoder.encode(SESSION_TOKEN, StandardCharsets.UTF_8)
                    .replace("+", "%20").replace("*", "%2A");
            assertThat(request.rawQuery()).contains(token);

            refused(withQuery(request, request.rawQuery().replace(token, "X-Amz-Security-Token=AnotherToken")));
        }

        @Test
        void bodyAddedToAPresignedGetIsRefused() {
            refused(withBody(request, "Action=AssumeRole"));
        }

        @Test
        void expiredPresignedUrlIsRefused() {
            SigV4Verifier later = new SigV4Verifier(clockAt(SIGNED_AT.plus(Duration.ofMinutes(15)).plusSeconds(1)));

            assertThatThrownBy(() -> later.verify(request, SigV4Parser.parse(request), SESSION_SECRET, "sts"))
                    .isInstanceOf(StsException.class)
                    .satisfies(e -> assertThat(((StsException) e).errorCode()).isEqualTo(StsErrorCode.SIGNATURE_DOES_NOT_MATCH))
                    .hasMessage("Signature expired: the presigned request signed at 20261123T100000Z with X-Amz-Expires=900 "
                            + "expired at 20261123T101500Z; it is now 20261123T101501Z.");
        }

        @Test
        void presignedUrlFromTheFarFutureIsRefused() {
            SigV4Verifier earlier = new SigV4Verifier(clockAt(SIGNED_AT.minus(Duration.ofMinutes(6))));

            assertThatThrownBy(() -> earlier.verify(request, SigV4Parser.parse(request), SESSION_SECRET, "sts"))
                    .isInstanceOf(StsException.class)
                    .hasMessageStartingWith("Signature not yet current:");
        }
    }

    @Nested
    class ClockAndScope {
        private final SignedRequest request = SdkReferenceSigner.longTerm().signFormPost(FORM_BODY);

        @Test
        void requestSixMinutesOldIsRefusedAsExpired() {
            SigV4Verifier later = new SigV4Verifier(clockAt(Instant.parse("2026-11-23T10:06:00Z")));

            assertThatThrownBy(() -> later.verify(request, SigV4Parser.parse(request), SECRET, "sts"))
                    .isInstanceOf(StsException.class)
                    .satisfies(e -> assertThat(((StsException) e).errorCode()).isEqualTo(StsErrorCode.SIGNATURE_DOES_NOT_MATCH))
                    .hasMessage("Signature expired: 20261123T100000Z is now earlier than 20261123T100100Z "
                            + "(20261123T100600Z - 5 min.)");
        }

        @Test
        void requestSixMinutesAheadIsRefusedAsNotYetCurrent() {
            SigV4Verifier earlier = new SigV4Verifier(clockAt(Instant.parse("2026-11-23T09:54:00Z")));

            assertThatThrownBy(() -> earlier.verify(request, SigV4Parser.parse(request), SECRET, "sts"))
                    .isInstanceOf(StsException.class)
                    .satisfies(e -> assertThat(((StsException) e).errorCode()).isEqualTo(StsErrorCode.SIGNATURE_DOES_NOT_MATCH))
                    .hasMessage("Signature not yet current: 20261123T100000Z is still later than 20261123T095900Z "
                            + "(20261123T095400Z + 5 min.)");
        }

        @Test
        void clockIsCheckedBeforeTheSignature() {
            SigV4Verifier later = new SigV4Verifier(clockAt(SIGNED_AT.plus(Duration.ofMinutes(6))));

            assertThatThrownBy(() -> later.verify(request, SigV4Parser.parse(request), "not-the-secret", "sts"))
                    .hasMessageStartingWith("Signature expired:");
        }

        @Test
        void scopeDateThatIsNotTheRequestDateIsRefused() {
            String otherDay = authorization(request).replace("/20261123/", "/20261122/");

            assertRefused(withHeaders(request, request.headers().with("Authorization", otherDay)), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                            + "'20261122' != '20261123', from '20261123T100000Z'.");
        }

        @Test
        void scopeForAnotherServiceIsRefused() {
            SignedRequest forIam = SdkReferenceSigner.longTerm().service("iam").signFormPost(FORM_BODY);

            assertRefused(forIam, SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH,
                    "Credential should be scoped to correct service: 'sts'.");
        }

        @Test
        void scopeForAnotherRegionIsRefusedWhenARegionIsRequired() {
            SignedRequest forOregon = SdkReferenceSigner.longTerm().region("us-west-2").signFormPost(FORM_BODY);

            assertThatThrownBy(() -> verifier.verify(forOregon, SigV4Parser.parse(forOregon), SECRET, "sts", "us-east-1"))
                    .isInstanceOf(StsException.class)
                    .hasMessage("Credential should be scoped to a valid region, not 'us-west-2'. ");
            assertThatCode(() -> verifier.verify(forOregon, SigV4Parser.parse(forOregon), SECRET, "sts", "us-west-2"))
                    .doesNotThrowAnyException();
        }

        @Test
        void serviceRewrittenInTheCredentialIsRefused() {
            SignedRequest forIam = SdkReferenceSigner.longTerm().service("iam").signFormPost(FORM_BODY);
            String rewritten = authorization(forIam).replace("/iam/", "/sts/");

            assertRefused(withHeaders(forIam, forIam.headers().with("Authorization", rewritten)), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }
    }

    @Nested
    class SignedHeaderRules {
        @Test
        void hostMustBeSigned() {
            SignedRequest request = SdkReferenceSigner.longTerm().signFormPost(FORM_BODY);
            String withoutHost = authorization(request).replace("content-type;host;", "content-type;");

            assertRefused(withHeaders(request, request.headers().with("Authorization", withoutHost)), SECRET,
                    StsErrorCode.INCOMPLETE_SIGNATURE, "'Host' or ':authority' must be a 'SignedHeader'");
        }

        @Test
        void securityTokenSentAsAHeaderMustBeSigned() {
            SignedRequest request = SdkReferenceSigner.longTerm().signFormPost(FORM_BODY);
            SignedRequest withToken = withHeaders(request, request.headers().with("X-Amz-Security-Token", SESSION_TOKEN));

            assertRefused(withToken, SECRET, StsErrorCode.INCOMPLETE_SIGNATURE, "'X-Amz-Security-Token' must be a 'SignedHeader'");
        }

        @Test
        void swappedSessionTokenHeaderIsRefused() {
            SignedRequest request = SdkReferenceSigner.session().signFormPost(FORM_BODY);
            SignedRequest swapped = withHeaders(request, request.headers().with("X-Amz-Security-Token", "AnotherToken"));

            assertThat(SigV4Parser.parse(swapped).securityToken()).contains("AnotherToken");
            assertRefused(swapped, SESSION_SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }
    }

    @Nested
    class UnsignedPayload {
        private final SignedRequest request = SdkReferenceSigner.longTerm().unsignedPayload().signFormPost(FORM_BODY);

        @Test
        void theSdkDeclaresUnsignedPayload() {
            assertThat(request.headers().first("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        }

        @Test
        void isRefusedByDefault() {
            assertRefused(request, SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, "UNSIGNED-PAYLOAD");
        }

        @Test
        void isAcceptedWhenAllowedAndThenTheBodyIsNotCovered() {
            SigV4Verifier lenient = new SigV4Verifier(clockAt(SIGNED_AT), true, 16);

            lenient.verify(request, SigV4Parser.parse(request), SECRET, "sts");
            SignedRequest otherBody = withBody(request, "Action=AssumeRole");
            assertThatCode(() -> lenient.verify(otherBody, SigV4Parser.parse(otherBody), SECRET, "sts"))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class Paths {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "/", "/sts", "/a/b/c", "/a/b/", "/a%20b", "/example%20space/", "/%E1%88%B4", "/caf%C3%A9/%E2%82%AC",
            "/café", "/%F0%9F%98%80", "/a+b", "/a%2Bb", "/a%2Fb", "/a%2fb", "/~user/-_.", "/!$&'()*,;=:@",
            "/a/./b", "/a/../b", "/a/b/..", "/a/b/../", "/./", "/a/.", "/a//b", "//a", "/a//", "/..", "/../a", "/a/../..",
            "/a/%2E/b", "/a/%2E%2E/b", "/.../x", "/a/..b/c", "/%25", "/%2525", "/a%3Fb", "/a%23b", "/a%5Bb%5D",
            "/%00", "/A-Z_a-z.0-9~"})
        void pathsSignedByTheSdkAreAccepted(String encodedPath) {
            SignedRequest request = SdkReferenceSigner.longTerm()
                    .sign(SdkReferenceSigner.base(SdkHttpMethod.GET, encodedPath).build(), null);

            assertThat(request.rawPath()).isEqualTo(encodedPath);
            assertAccepted(request);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/a%20b", "/%E1%88%B4", "/a/./b", "/a//b", "/a/b/"})
        void pathsSignedByTheSdkAreRefusedOnceChanged(String encodedPath) {
            SignedRequest request = SdkReferenceSigner.longTerm()
                    .sign(SdkReferenceSigner.base(SdkHttpMethod.GET, encodedPath).build(), null);

            assertRefused(withPath(request, encodedPath + "x"), SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void percentEncodedSpaceAndLiteralPlusAreDifferentPaths() {
            SignedRequest request = SdkReferenceSigner.longTerm()
                    .sign(SdkReferenceSigner.base(SdkHttpMethod.GET, "/a%20b").build(), null);

            assertRefused(withPath(request, "/a+b"), SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }
    }

    @Nested
    class Queries {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"plain", "with space", "a+b", "slash/and?question", "a=b&c=d", "50%", "caf\u00e9 \u20ac",
            "\ud83d\ude00", "star*tilde~", "!$'()*,;:@", "", "  padded  ", "line\nbreak", "<tag attr=\"v\">"})
        void queryValuesSignedByTheSdkAreAccepted(String value) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("Action", "GetCallerIdentity");
            query.put("Version", "2011-06-15");
            query.put("Value", value);
            query.put("Name with space", value);

            assertAccepted(SdkReferenceSigner.longTerm().signGet("/", query));
            assertAccepted(SdkReferenceSigner.longTerm().presigned(Duration.ofMinutes(1)).signGet("/", query));
        }

        @Test
        void repeatedParametersAreSortedByValue() {
            SignedRequest request = SdkReferenceSigner.longTerm().sign(SdkReferenceSigner.base(SdkHttpMethod.GET, "/")
                    .appendRawQueryParameter("Tag", "b")
                    .appendRawQueryParameter("Tag", "a")
                    .appendRawQueryParameter("Tag", "B")
                    .appendRawQueryParameter("Action", "x")
                    .build(), null);

            assertAccepted(request);
            assertRefused(withQuery(request, request.rawQuery().replace("Tag=a", "Tag=c")), SECRET,
                    StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void parameterOrderOnTheWireDoesNotMatter() {
            SignedRequest request = SdkReferenceSigner.longTerm()
                    .signGet("/", Map.of("Action", "GetCallerIdentity", "Version", "2011-06-15"));
            String[] pieces = request.rawQuery().split("&");
            String reversed = String.join("&", pieces[1], pieces[0]);

            assertAccepted(withQuery(request, reversed));
        }

        @Test
        void lowerCaseEscapesOnTheWireAreTheSameParameter() {
            SignedRequest request = SdkReferenceSigner.longTerm().signGet("/", Map.of("Path", "/a/b"));
            assertThat(request.rawQuery()).isEqualTo("Path=%2Fa%2Fb");

            assertAccepted(withQuery(request, "Path=%2fa%2fb"));
        }

        @Test
        void unnecessarilyEscapedCharactersOnTheWireAreTheSameParameter() {
            SignedRequest request = SdkReferenceSigner.longTerm().signGet("/", Map.of("Action", "GetCallerIdentity"));

            assertAccepted(withQuery(request, "%41ction=GetCaller%49dentity"));
        }

        /** The SDK sends a space as %20; a '+' from a form-style encoder is read as the same space. */
        @Test
        void plusOnTheWireIsASpace() {
            SignedRequest request = SdkReferenceSigner.longTerm().signGet("/", Map.of("RoleSessionName", "my session"));
            assertThat(request.rawQuery()).isEqualTo("RoleSessionName=my%20session");

            assertAccepted(withQuery(request, "RoleSessionName=my+session"));
        }

        /** The SDK sends a literal '+' as %2B; a bare '+' instead means a space, so the value changed. */
        @Test
        void plusOnTheWireIsNotALiteralPlus() {
            SignedRequest request = SdkReferenceSigner.longTerm().signGet("/", Map.of("RoleSessionName", "a+b"));
            assertThat(request.rawQuery()).isEqualTo("RoleSessionName=a%2Bb");

            assertRefused(withQuery(request, "RoleSessionName=a+b"), SECRET, StsErrorCode.SIGNATURE_DOES_NOT_MATCH, MISMATCH);
        }

        @Test
        void emptyValueAndMissingEqualsSignAreTheSame() {
            SignedRequest request = SdkReferenceSigner.longTerm().signGet("/", Map.of("Flag", ""));
            assertThat(request.rawQuery()).isEqualTo("Flag=");

            assertAccepted(withQuery(request, "Flag"));
        }

        @Test
        void malformedEscapeIsAMalformedQueryString() {
            SignedRequest request = SdkReferenceSigner.longTerm().signGet("/", Map.of("Action", "x"));

            assertRefused(withQuery(request, "Action=%zz"), SECRET, StsErrorCode.MALFORMED_QUERY_STRING, "percent-escape");
        }
    }
}

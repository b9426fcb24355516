package dev.sts.core.sigv4;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigV4ParserTest {
    private static final String SIGNATURE = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    private static final String CREDENTIAL = "AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request";
    private static final String VALID = "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL
            + ", SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE;
    private static final String QUERY = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request"
            + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=" + SIGNATURE;

    private static SignedRequest withHeaders(String query, String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], n -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return new SignedRequest("GET", "/", query, HttpHeaders.of(map), null);
    }

    private static SignedRequest authorized(String authorization) {
        return withHeaders(null, "Host", "sts.amazonaws.com", "X-Amz-Date", "20150830T123600Z", "Authorization", authorization);
    }

    private static void assertRefused(SignedRequest request, StsErrorCode code) {
        assertThatThrownBy(() -> SigV4Parser.parse(request))
                .isInstanceOf(StsException.class)
                .satisfies(e -> assertThat(((StsException) e).errorCode()).isEqualTo(code));
    }

    @Test
    void authorizationHeaderIsReadIntoAClaim() {
        SignatureClaim claim = SigV4Parser.parse(authorized(VALID));

        assertThat(claim).isEqualTo(new SignatureClaim("AKIDEXAMPLE", new CredentialScope("20150830", "us-east-1", "sts"),
                List.of("host", "x-amz-date"), SIGNATURE, Instant.parse("2015-08-30T12:36:00Z"), Optional.empty(),
                false, Optional.empty()));
    }

    @Test
    void componentsMayComeInAnyOrderWithOrWithoutSpaces() {
        SignatureClaim claim = SigV4Parser.parse(authorized("AWS4-HMAC-SHA256   Signature=" + SIGNATURE
                + ",SignedHeaders=host;x-amz-date,   Credential=" + CREDENTIAL));

        assertThat(claim.signature()).isEqualTo(SIGNATURE);
        assertThat(claim.signedHeaders()).containsExactly("host", "x-amz-date");
    }

    @Test
    void signedHeaderNamesAreLowerCasedInTheirOrder() {
        SignatureClaim claim = SigV4Parser.parse(authorized(VALID.replace("host;x-amz-date", "X-Amz-Date;Host")));

        assertThat(claim.signedHeaders()).containsExactly("x-amz-date", "host");
    }

    @Test
    void presignedQueryIsReadIntoAClaim() {
        SignatureClaim claim = SigV4Parser.parse(withHeaders(QUERY + "&X-Amz-Security-Token=abc%2B%2F%3D", "Host", "h"));

        assertThat(claim.presigned()).isTrue();
        assertThat(claim.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(claim.scope().toString()).isEqualTo("20150830/us-east-1/sts/aws4_request");
        assertThat(claim.presignedExpiry()).contains(Duration.ofSeconds(900));
        assertThat(claim.securityToken()).contains("abc+/=");
        assertThat(claim.requestTime()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
    }

    @Test
    void presignedSecurityTokenMayComeAsAHeader() {
        SignatureClaim claim = SigV4Parser.parse(withHeaders(QUERY, "Host", "h", "X-Amz-Security-Token", "tok"));

        assertThat(claim.securityToken()).contains("tok");
    }

    @Test
    void dateHeaderIsUsedWhenThereIsNoXAmzDate() {
        SignatureClaim claim = SigV4Parser.parse(withHeaders(null, "Host", "h", "Date", "Mon, 23 Nov 2026 10:00:00 GMT",
                "Authorization", VALID));

        assertThat(claim.requestTime()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void xAmzDateWinsOverDate() {
        SignatureClaim claim = SigV4Parser.parse(withHeaders(null, "Host", "h", "Date", "Mon, 23 Nov 2026 10:00:00 GMT",
                "X-Amz-Date", "20150830T123600Z", "Authorization", VALID));

        assertThat(claim.requestTime()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
    }

    @Test
    void noAuthenticationAtAllIsMissingAuthenticationToken() {
        assertThatThrownBy(() -> SigV4Parser.parse(withHeaders("Action=GetCallerIdentity&Version=2011-06-15", "Host", "h")))
                .isInstanceOf(StsException.class)
                .hasMessage("Request is missing Authentication Token")
                .satisfies(e -> assertThat(((StsException) e).errorCode()).isEqualTo(StsErrorCode.MISSING_AUTHENTICATION_TOKEN));
        assertRefused(new SignedRequest("POST", "", null, HttpHeaders.empty(), null), StsErrorCode.MISSING_AUTHENTICATION_TOKEN);
    }

    @Test
    void aSecurityTokenAloneIsStillMissingAuthentication() {
        assertRefused(withHeaders("X-Amz-Security-Token=abc&X-Amz-Date=20150830T123600Z", "Host", "h"),
                StsErrorCode.MISSING_AUTHENTICATION_TOKEN);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "AWS4-HMAC-SHA256",
        "AWS4-HMAC-SHA256 ",
        "AWS AKIDEXAMPLE:c2lnbmF0dXJl",
        "AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "aws4-hmac-sha256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "Bearer eyJhbGciOiJIUzI1NiJ9",
        "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request SignedHeaders=host Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE
                + ", Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 =x, Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request/x, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_requesT, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015083/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20151330/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2015-08-30/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830//sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/US-EAST-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/s t s/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKID EXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKID<script>/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host;;x-amz-date, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host;, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host;Host, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host;x amz, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host:x, Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=abc",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature="
                + "5FA00FA31553B73EBF1942676E86291E8372FF2A2260956D9B8AAE1D763FBF31",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature="
                + "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf3",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature="
                + "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf310",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature="
                + "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbfzz",
    })
    void malformedAuthorizationHeaderIsAnIncompleteSignature(String authorization) {
        assertRefused(authorized(authorization), StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @Test
    void missingComponentsAreAllNamed() {
        assertThatThrownBy(() -> SigV4Parser.parse(authorized("AWS4-HMAC-SHA256 Foo=bar")))
                .hasMessage("Authorization header requires 'Credential' parameter. Authorization header requires "
                        + "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.");
    }

    @Test
    void unknownAlgorithmIsNamedSafely() {
        assertThatThrownBy(() -> SigV4Parser.parse(authorized("AWS4-\u0000\u202eHMAC Credential=x")))
                .hasMessage("Unsupported AWS 'algorithm': 'AWS4-??HMAC'. Expected 'AWS4-HMAC-SHA256'.");
    }

    @Test
    void absurdInputsAreRefusedBeforeAnyWork() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add("h" + i);
        }
        assertThatThrownBy(() -> SigV4Parser.parse(authorized(VALID.replace("host;x-amz-date", String.join(";", many)))))
                .hasMessageContaining("more than 64");
        many.remove(64);
        many.set(0, "host");
        assertThat(SigV4Parser.parse(authorized(VALID.replace("host;x-amz-date", String.join(";", many)))).signedHeaders())
                .hasSize(64);

        String longKey = "A".repeat(129);
        assertRefused(authorized(VALID.replace("AKIDEXAMPLE", longKey)), StsErrorCode.INCOMPLETE_SIGNATURE);
        assertThat(SigV4Parser.parse(authorized(VALID.replace("AKIDEXAMPLE", "A".repeat(128)))).accessKeyId()).hasSize(128);

        assertRefused(authorized(VALID + ", " + "X".repeat(9000) + "=y"), StsErrorCode.INCOMPLETE_SIGNATURE);
        assertRefused(withHeaders(null, "Host", "h", "X-Amz-Date", "20150830T123600Z", "Authorization", VALID,
                "X-Amz-Security-Token", "t".repeat(16 * 1024 + 1)), StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "20150830", "20150830T1236Z", "20150830T123600", "2015-08-30T12:36:00Z", "20150830T253600Z",
        "20150230T123600Z", "20150830t123600z", "20150830T123600Z ", "Sun, 30 Aug 2015 12:36:00 GMT"})
    void unparseableXAmzDateIsAnIncompleteSignature(String date) {
        SignedRequest request = withHeaders(null, "Host", "h", "X-Amz-Date", date, "Authorization", VALID);

        if (date.equals("20150830T123600Z ")) {
            // Header values arrive trimmed by the server; a trailing space is tolerated there.
            assertThat(SigV4Parser.parse(request).requestTime()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
        } else {
            assertRefused(request, StsErrorCode.INCOMPLETE_SIGNATURE);
        }
    }

    @Test
    void unparseableDateHeaderIsAnIncompleteSignature() {
        assertRefused(withHeaders(null, "Host", "h", "Date", "yesterday", "Authorization", VALID), StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @Test
    void noDateAtAllIsAnIncompleteSignature() {
        assertThatThrownBy(() -> SigV4Parser.parse(withHeaders(null, "Host", "h", "Authorization", VALID)))
                .hasMessage("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    @Test
    void repeatedAuthorizationOrDateHeadersAreRefused() {
        assertRefused(withHeaders(null, "Host", "h", "X-Amz-Date", "20150830T123600Z", "Authorization", VALID,
                "authorization", VALID), StsErrorCode.INCOMPLETE_SIGNATURE);
        assertRefused(withHeaders(null, "Host", "h", "X-Amz-Date", "20150830T123600Z", "x-amz-date", "20150830T123601Z",
                "Authorization", VALID), StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @Test
    void headerAndQueryAuthenticationTogetherAreRefused() {
        assertThatThrownBy(() -> SigV4Parser.parse(withHeaders(QUERY, "Host", "h", "X-Amz-Date", "20150830T123600Z",
                "Authorization", VALID)))
                .hasMessageStartingWith("Only one auth mechanism allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature"})
    void presignedQueryMissingARequiredParameterIsAnIncompleteSignature(String parameter) {
        String query = java.util.Arrays.stream(QUERY.split("&"))
                .filter(p -> !p.startsWith(parameter + "="))
                .collect(java.util.stream.Collectors.joining("&"));

        assertRefused(withHeaders(query, "Host", "h"), StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "604801", "-1", "abc", "", "1.5", "99999999999999999999", " 60"})
    void badXAmzExpiresIsAnIncompleteSignature(String expires) {
        String query = QUERY.replace("X-Amz-Expires=900", "X-Amz-Expires=" + expires);

        assertRefused(withHeaders(query, "Host", "h"), StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @Test
    void expiryBoundsAreInclusive() {
        assertThat(SigV4Parser.parse(withHeaders(QUERY.replace("X-Amz-Expires=900", "X-Amz-Expires=1"), "Host", "h"))
                .presignedExpiry()).contains(Duration.ofSeconds(1));
        assertThat(SigV4Parser.parse(withHeaders(QUERY.replace("X-Amz-Expires=900", "X-Amz-Expires=604800"), "Host", "h"))
                .presignedExpiry()).contains(Duration.ofDays(7));
    }

    @Test
    void presignedQueryWithARepeatedParameterIsRefused() {
        assertRefused(withHeaders(QUERY + "&X-Amz-Signature=" + SIGNATURE, "Host", "h"), StsErrorCode.INCOMPLETE_SIGNATURE);
        assertRefused(withHeaders(QUERY + "&X-Amz-Date=20150830T123601Z", "Host", "h"), StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @Test
    void presignedQueryWithAnotherAlgorithmIsRefused() {
        assertRefused(withHeaders(QUERY.replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256"), "Host", "h"),
                StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @Test
    void encodedAuthenticationParameterNamesAreRecognised() {
        String encodedNames = QUERY.replace("X-Amz-Signature=", "X%2DAmz%2DSignature=");

        assertThat(SigV4Parser.parse(withHeaders(encodedNames, "Host", "h")).signature()).isEqualTo(SIGNATURE);
    }

    @Test
    void authenticationParameterNamesAreCaseSensitive() {
        String lowerCase = QUERY.replace("X-Amz-Signature=", "x-amz-signature=");

        assertRefused(withHeaders(lowerCase, "Host", "h"), StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @Test
    void malformedPercentEscapeIsAMalformedQueryString() {
        assertRefused(withHeaders(QUERY + "&Bad%G1=x", "Host", "h"), StsErrorCode.MALFORMED_QUERY_STRING);
    }

    /** Fuzzing: mangled headers and query strings only ever end in an StsException, from parsing or verifying. */
    @Test
    void mangledInputOnlyEverFailsWithStsException() {
        java.util.Random random = new java.util.Random(1234);
        String noise = "=,;/&%+ \t\u0000\u00e9\ud83dAWS4-HMAC-SHA256Credential9fZ";
        SigV4Verifier verifier = new SigV4Verifier(java.time.Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"),
                java.time.ZoneOffset.UTC));
        for (int i = 0; i < 20_000; i++) {
            boolean header = random.nextBoolean();
            String mangled = mangle(header ? VALID : QUERY, random, noise);
            SignedRequest request = header
                    ? withHeaders(null, "Host", "h", "X-Amz-Date", mangle("20150830T123600Z", random, noise), "Authorization", mangled)
                    : withHeaders(mangled, "Host", "h");
            try {
                SignatureClaim claim = SigV4Parser.parse(request);
                verifier.verify(request, claim, "secret", "sts");
            } catch (StsException expected) {
                // refused, as it should be
            }
        }
    }

    private static String mangle(String input, java.util.Random random, String noise) {
        StringBuilder out = new StringBuilder(input);
        int edits = random.nextInt(4);
        for (int e = 0; e < edits && out.length() > 0; e++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, noise.charAt(random.nextInt(noise.length())));
                default -> out.setCharAt(at, noise.charAt(random.nextInt(noise.length())));
            }
        }
        return out.toString();
    }

    @Test
    void overlongPresignedParametersAreRefused() {
        assertRefused(withHeaders(QUERY.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=" + ";".repeat(100_000)),
                "Host", "h"), StsErrorCode.INCOMPLETE_SIGNATURE);
    }

    @Test
    void claimToStringLeavesTheSessionTokenOut() {
        SignatureClaim claim = SigV4Parser.parse(withHeaders(null, "Host", "h", "X-Amz-Date", "20150830T123600Z",
                "X-Amz-Security-Token", "SECRET-SESSION-TOKEN", "Authorization", VALID));

        assertThat(claim.securityToken()).contains("SECRET-SESSION-TOKEN");
        assertThat(claim.toString()).doesNotContain("SECRET-SESSION-TOKEN").contains("<present>");
    }

    @Test
    void headersAreCaseInsensitiveAndMultiValued() {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        raw.put("X-Thing", List.of("v1"));
        raw.put("x-thing", List.of("v2", "v3"));
        raw.put("Empty", List.of());
        HttpHeaders headers = HttpHeaders.of(raw);

        assertThat(headers.all("X-THING")).containsExactly("v1", "v2", "v3");
        assertThat(headers.first("x-Thing")).contains("v1");
        assertThat(headers.contains("empty")).isFalse();
        assertThat(headers.first("missing")).isEmpty();
        assertThat(headers.all("missing")).isEmpty();
        assertThat(headers.names()).containsExactlyInAnyOrder("x-thing");
        assertThat(headers.with("X-THING", "z").all("x-thing")).containsExactly("z");
        assertThat(headers.without("X-Thing").contains("x-thing")).isFalse();
        assertThat(headers.toString()).doesNotContain("v1", "v2", "v3").isEqualTo("HttpHeaders[x-thing]");
    }
}

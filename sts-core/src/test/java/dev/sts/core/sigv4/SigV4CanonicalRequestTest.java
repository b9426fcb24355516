package dev.sts.core.sigv4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class SigV4CanonicalRequestTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                | /",
        "/                 | /",
        "a                 | /a",
        "/sts              | /sts",
        "/a%20b            | /a%2520b",
        "/example%20space/ | /example%2520space/",
        "/%E1%88%B4        | /%25E1%2588%25B4",
        "/café             | /caf%C3%A9",
        "/a+b              | /a%2Bb",
        "/a%2Fb            | /a%252Fb",
        "/-_.~AZaz09       | /-_.~AZaz09",
        "/!$&'()*,;=:@     | /%21%24%26%27%28%29%2A%2C%3B%3D%3A%40",
        "/a/./b/../c       | /a/c",
        "/a//b             | /a/b",
        "//a               | /a",
        "/a//              | /a/",
        "/a/b/             | /a/b/",
        "/a/b/..           | /a",
        "/a/b/../          | /a/",
        "/a/.              | /a",
        "/./               | /",
        "/.                | /",
        "/..               | /..",
        "/../a             | /../a",
        "/a/../..          | /..",
        "/a/%2E/b          | /a/%252E/b",
        "/.../x            | /.../x",
    })
    void canonicalUri(String rawPath, String expected) {
        assertThat(CanonicalRequest.canonicalUri(rawPath)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                        | ''",
        "b=2&a=1                   | a=1&b=2",
        "a=2&a=1&a=10              | a=1&a=10&a=2",
        "a-b=1&a=2                 | a=2&a-b=1",
        "B=1&a=1                   | B=1&a=1",
        "flag                      | flag=",
        "flag=                     | flag=",
        "a=b=c                     | a=b%3Dc",
        "=x&y=1                    | y=1",
        "&&y=1&                    | y=1",
        "a+b=c+d                   | a%20b=c%20d",
        "a=%2B                     | a=%2B",
        "a=%7e&b=%2a&c=%2f         | a=~&b=%2A&c=%2F",
        "a=%41%42                  | a=AB",
        "%E1%88%B4=bar             | %E1%88%B4=bar",
        "a=é                       | a=%C3%A9",
        "a=\u20ac                  | a=%E2%82%AC",
        "a=\ud83d\ude00            | a=%F0%9F%98%80",
        "a=%C3                     | a=%C3",
        "k=é+abcdefghijklmnop      | k=%C3%A9%20abcdefghijklmnop",
        "a=<b>                     | a=%3Cb%3E",
        "X-Amz-Signature=abc&a=1   | X-Amz-Signature=abc&a=1",
    })
    void canonicalQuery(String rawQuery, String expected) {
        assertThat(CanonicalRequest.canonicalQuery(rawQuery, false)).isEqualTo(expected);
    }

    @Test
    void presignedQueryLeavesOnlyTheSignatureOut() {
        assertThat(CanonicalRequest.canonicalQuery("X-Amz-Signature=abc&a=1&X-Amz-Date=x&x-amz-signature=y", true))
                .isEqualTo("X-Amz-Date=x&a=1&x-amz-signature=y");
    }

    @Test
    void canonicalHeadersTrimCollapseAndJoin() {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        raw.put("Host", List.of("example.amazonaws.com"));
        raw.put("My-Header", List.of("  a   b\t\tc  ", "", "second"));
        raw.put("Quoted", List.of("\"  kept  as  one  \""));
        HttpHeaders headers = HttpHeaders.of(raw);

        assertThat(CanonicalRequest.canonicalHeaders(headers, List.of("host", "my-header", "quoted", "absent")))
                .isEqualTo("host:example.amazonaws.com\nmy-header:a b c,,second\nquoted:\" kept as one \"\nabsent:\n");
    }

    /** Our path normalisation agrees with java.net.URI#normalize, which the SDK applies, on random paths. */
    @Test
    void pathNormalisationMatchesJavaNetUri() {
        String[] parts = {"a", "b", ".", "..", "", "%2E", "...", "a.b", "%20", "c%2Fd"};
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            String path = randomPath(random, parts);
            String javaNet = URI.create("https://h" + path).normalize().getRawPath();
            String decoded = URI.create("https://h" + path).getPath();
            if (javaNet.length() > 1 && javaNet.endsWith("/") && !decoded.endsWith("/")) {
                javaNet = javaNet.substring(0, javaNet.length() - 1);
            }
            assertThat(CanonicalRequest.normalizePath(path)).as("path %s", path).isEqualTo(javaNet);
        }
    }

    /** Random paths and queries signed by the SDK verify, whatever they hold. */
    @Test
    void randomRequestsSignedByTheSdkVerify() {
        String[] parts = {"a", "..", ".", "", "%20", "%E2%82%AC", "é", "+", "~", "%2F", "%25", "!", "'", "*", "="};
        String alphabet = "aZ09 -_.~+/=&?%*!'()é€\uD83D\uDE00";
        Random random = new Random(7);
        SigV4Verifier verifier = new SigV4Verifier(Clock.fixed(SdkReferenceSigner.SIGNED_AT, java.time.ZoneOffset.UTC));
        for (int i = 0; i < 300; i++) {
            SdkHttpRequest.Builder builder = SdkReferenceSigner.base(SdkHttpMethod.GET, randomPath(random, parts));
            int parameters = random.nextInt(4);
            for (int p = 0; p < parameters; p++) {
                builder.appendRawQueryParameter(randomText(random, alphabet, 1), randomText(random, alphabet, 0));
            }
            SdkReferenceSigner signer = random.nextBoolean()
                    ? SdkReferenceSigner.longTerm() : SdkReferenceSigner.session().presigned(java.time.Duration.ofMinutes(5));
            SignedRequest request = signer.sign(builder.build(), null);
            String secret = request.rawQuery().contains("ASIA") || request.headers().contains("x-amz-security-token")
                    ? SdkReferenceSigner.SESSION_SECRET : SdkReferenceSigner.SECRET;

            assertThatCode(() -> verifier.verify(request, SigV4Parser.parse(request), secret, "sts"))
                    .as("%s", request).doesNotThrowAnyException();
        }
    }

    @Test
    void signingKeyCacheIsBoundedAndAgreesWithDerivation() {
        SigningKeyCache cache = new SigningKeyCache(2);
        CredentialScope day1 = new CredentialScope("20261123", "us-east-1", "sts");
        CredentialScope day2 = new CredentialScope("20261124", "us-east-1", "sts");
        CredentialScope day3 = new CredentialScope("20261125", "us-east-1", "sts");

        byte[] first = cache.signingKey(Hmac.mac(), "secret-1", day1);
        assertThat(cache.signingKey(Hmac.mac(), "secret-1", day1)).isSameAs(first);
        assertThat(first).isEqualTo(SigningKeys.derive("secret-1", day1));
        assertThat(cache.signingKey(Hmac.mac(), "secret-2", day1)).isNotEqualTo(first);
        cache.signingKey(Hmac.mac(), "secret-1", day2);
        cache.signingKey(Hmac.mac(), "secret-1", day3);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void signingKeyCacheStaysWithinItsByteBudgetWhateverTheScopeLength() {
        SigningKeyCache cache = new SigningKeyCache(100);
        for (int i = 0; i < 200; i++) {
            // A request chooses its scope: long regions and services make larger entries.
            CredentialScope scope = new CredentialScope("20261123", "r".repeat(2_000) + i, "sts");
            byte[] key = cache.signingKey(Hmac.mac(), "secret-1", scope);
            assertThat(key).isEqualTo(SigningKeys.derive("secret-1", scope));
        }
        assertThat(cache.size()).as("entries of about 4 KB each within a 32 KB budget").isBetween(1, 8);
        SigningKeyCache typicalCache = new SigningKeyCache(100);
        CredentialScope typical = new CredentialScope("20261123", "us-east-1", "sts");
        for (int i = 0; i < 100; i++) {
            typicalCache.signingKey(Hmac.mac(), "secret-" + i, typical);
        }
        assertThat(typicalCache.size()).as("a typical entry fits its share of the budget").isEqualTo(100);
    }

    @Test
    void verifierWorksWithTheCacheTurnedOff() {
        SignedRequest request = SdkReferenceSigner.longTerm().signFormPost(SdkReferenceSigner.FORM_BODY);
        SigV4Verifier uncached = new SigV4Verifier(SdkReferenceSigner.clockAt(SdkReferenceSigner.SIGNED_AT), false, 0);

        assertThatCode(() -> uncached.verify(request, SigV4Parser.parse(request), SdkReferenceSigner.SECRET, "sts"))
                .doesNotThrowAnyException();
    }

    private static String randomPath(Random random, String[] parts) {
        StringBuilder path = new StringBuilder();
        int segments = 1 + random.nextInt(5);
        for (int s = 0; s < segments; s++) {
            path.append('/').append(parts[random.nextInt(parts.length)]);
        }
        if (random.nextInt(4) == 0) {
            path.append('/');
        }
        return path.toString();
    }

    private static String randomText(Random random, String alphabet, int minLength) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        int length = minLength + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }
}

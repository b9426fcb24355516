package dev.sts.loadtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AssumeRoleWithWebIdentity's requests: the token read strictly from its file, the request sent without a signature. */
class WebIdentityRequestTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb2QifQ.c2lnbmF0dXJl";

    @TempDir
    Path dir;

    @Test
    void theRequestCarriesTheTokenAndNoSignature() {
        LoadTestOptions options = LoadTestOptions.parse("--action", "AssumeRoleWithWebIdentity",
                "--web-identity-token-file", dir.resolve("token").toString());

        String request = new String(new RequestSigner(options, SigningKey.developmentAdmin(), TOKEN).sign(1),
                StandardCharsets.UTF_8);

        assertThat(request).startsWith("POST / HTTP/1.1\r\n").contains("&WebIdentityToken=" + TOKEN + "&")
                .doesNotContainIgnoringCase("Authorization:").doesNotContainIgnoringCase("X-Amz-Date");
        // Control: a signed action's request made the same way carries a SigV4 signature.
        String signed = new String(new RequestSigner(LoadTestOptions.parse("--action", "AssumeRole"),
                SigningKey.developmentAdmin(), null).sign(1), StandardCharsets.UTF_8);
        assertThat(signed).containsIgnoringCase("Authorization: AWS4-HMAC-SHA256 ");
    }

    @Test
    void theTokenFileIsReadStrictly() throws Exception {
        Path good = Files.writeString(dir.resolve("good"), TOKEN + "\n");
        Path junk = Files.writeString(dir.resolve("junk"), "not a token at all");
        Path huge = Files.writeString(dir.resolve("huge"), "a".repeat(70_000) + ".b.c");
        Path long20k = Files.writeString(dir.resolve("long"), "a".repeat(20_000) + ".b.c");

        assertThat(LoadTest.readWebIdentityToken(good)).isEqualTo(TOKEN);
        assertThatThrownBy(() -> LoadTest.readWebIdentityToken(junk)).hasMessageContaining("does not hold a JWT")
                .hasMessageNotContaining("not a token at all");
        assertThatThrownBy(() -> LoadTest.readWebIdentityToken(huge)).hasMessageContaining("larger");
        assertThatThrownBy(() -> LoadTest.readWebIdentityToken(long20k)).hasMessageContaining("20,000");
    }
}

package dev.sts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code aws} CLI with nothing but the generated config files: the walkthrough in the README,
 * word for word ({@code aws --profile dev-admin sts get-caller-identity}).
 */
class AwsCliEndToEndTest {
    @Test
    void profilesFromTheGeneratedFilesWorkWithNoOtherFlag() throws Exception {
        JsonNode dev = aws(Map.of(), "--profile", "dev-admin", "sts", "get-caller-identity");
        assertThat(dev.get("Arn").asText()).isEqualTo("arn:aws:iam::111111111111:user/admin");
        JsonNode prod = aws(Map.of(), "--profile", "prod-admin", "sts", "get-caller-identity");
        assertThat(prod.get("Account").asText()).isEqualTo("222222222222");
    }

    @Test
    void sessionTokenThenCallerIdentityWithTheTemporaryCredentials() throws Exception {
        JsonNode credentials = aws(Map.of(), "--profile", "dev-admin", "sts", "get-session-token",
                "--duration-seconds", "900").get("Credentials");
        assertThat(credentials.get("AccessKeyId").asText()).startsWith("ASIA");
        // The temporary credentials as environment variables, as a user would export them. Not --profile: the
        // CLI would sign with the profile's own keys and ignore them. AWS_PROFILE only picks the endpoints.
        JsonNode identity = aws(Map.of(
                "AWS_PROFILE", "dev-admin",
                "AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", credentials.get("SessionToken").asText()),
                "sts", "get-caller-identity");
        assertThat(identity.get("Arn").asText()).isEqualTo("arn:aws:iam::111111111111:user/admin");
        // Proof the session signed it: a session key, refused once the token is tampered with.
        ExternalCommand.Result forged = AwsCli.run(Map.of(
                "AWS_PROFILE", "dev-admin",
                "AWS_ACCESS_KEY_ID", credentials.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", credentials.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", "x" + credentials.get("SessionToken").asText()),
                "sts", "get-caller-identity");
        assertThat(forged.exitCode()).isNotZero();
        assertThat(forged.output()).contains("InvalidClientTokenId");
    }

    @Test
    void refusalIsReportedWithTheAwsErrorCode() throws Exception {
        ExternalCommand.Result result = AwsCli.run(Map.of(), "--profile", "dev-admin", "sts",
                "get-session-token", "--duration-seconds", "100000000");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("ValidationError");
    }

    private static JsonNode aws(Map<String, String> extra, String... args) throws Exception {
        return AwsCli.json(extra, args);
    }
}

package dev.sts.policy;

import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.SignedQueryClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed policy documents sent through the real IAM API get IAM's error, in AWS's XML
 * shape, and never a 500. Requests are signed by the AWS SDK's signer; the bodies are built by hand only
 * because no SDK would send these documents.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "policy-service"))
class HostilePolicyDocumentTest {
    private static final AwsBasicCredentials ROOT = AwsBasicCredentials.create("AKIATESTROOT00000003",
            "testRootSecret/000000000000000000000003");
    private static final String ROLE = "Target" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"333333333333\"},\"Action\":\"sts:AssumeRole\"}]}";

    @TestHTTPResource("/")
    URI endpoint;

    static Stream<String[]> hostileDocuments() {
        String statement = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}";
        return Stream.of(
                new String[]{"not JSON at all", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":[" + (statement + ",").repeat(300) + statement + "]}", "LimitExceeded"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2026-13-45T99:00:00Z\"}}}]}", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEqualz\":{\"aws:username\":\"x\"}}}]}", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                        + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"300.1.2.3/99\"}}}]}", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}]}", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "],\"Statement\":[]}", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Extra\":1}]}", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"2012-10-17\",\"Statement\":[]}", "MalformedPolicyDocument"},
                new String[]{"{\"Version\":\"1999-01-01\",\"Statement\":[" + statement + "]}", "MalformedPolicyDocument"});
    }

    private static boolean roleCreated;

    @BeforeEach
    void createRoleOnce() throws Exception {
        if (roleCreated) {
            return;
        }
        roleCreated = true;
        SignedQueryClient.Answer created = new SignedQueryClient(endpoint, "iam").post("Action=CreateRole&Version=2010-05-08&RoleName="
                + ROLE + "&AssumeRolePolicyDocument=" + encode(TRUST), ROOT, Clock.systemUTC());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("hostileDocuments")
    void hostileInlinePolicyGetsIamsErrorNotAServerError(String document, String expectedCode) throws Exception {
        SignedQueryClient.Answer answer = new SignedQueryClient(endpoint, "iam").post("Action=PutRolePolicy&Version=2010-05-08"
                + "&RoleName=" + ROLE + "&PolicyName=Hostile&PolicyDocument=" + encode(document), ROOT, Clock.systemUTC());
        assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
        assertThat(answer.body()).contains("<Code>" + expectedCode + "</Code>").contains("<RequestId>")
                .doesNotContain("Exception", "at dev.sts");
    }

    @Test
    void invalidUtf8InTheFormIsRefusedBeforeAnyPolicyIsRead() throws Exception {
        SignedQueryClient.Answer answer = new SignedQueryClient(endpoint, "iam").post("Action=PutRolePolicy&Version=2010-05-08"
                + "&RoleName=" + ROLE + "&PolicyName=Bad&PolicyDocument=%C3%28%FF", ROOT, Clock.systemUTC());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("<Code>MalformedQueryString</Code>");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

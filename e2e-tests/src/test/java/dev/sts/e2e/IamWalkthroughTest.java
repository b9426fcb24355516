package dev.sts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sts.deploy.ProjectRoot;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's IAM walkthrough with the real {@code aws} CLI, word for word: a role trusting a user,
 * an inline S3 policy, an AWS managed policy attached, the trust policy updated, and the simulator
 * showing what the role may do.
 */
class IamWalkthroughTest {
    private static final String FILES = "file://" + ProjectRoot.find().resolve("e2e-tests/src/test/resources/walkthrough");

    @Test
    void roleSetUpAndSimulatedAsInTheReadme() throws Exception {
        JsonNode created = aws("iam", "create-role", "--role-name", "ReportWriter",
                "--assume-role-policy-document", FILES + "/trust-policy.json");
        assertThat(created.at("/Role/Arn").asText()).isEqualTo("arn:aws:iam::111111111111:role/ReportWriter");
        // botocore decodes the URL-encoded document back to JSON, as it does against AWS.
        assertThat(created.at("/Role/AssumeRolePolicyDocument/Statement/0/Principal/AWS").asText())
                .isEqualTo("arn:aws:iam::111111111111:user/admin");

        aws("iam", "put-role-policy", "--role-name", "ReportWriter", "--policy-name", "WriteReports",
                "--policy-document", FILES + "/write-reports.json");
        aws("iam", "attach-role-policy", "--role-name", "ReportWriter",
                "--policy-arn", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        aws("iam", "update-assume-role-policy", "--role-name", "ReportWriter",
                "--policy-document", FILES + "/trust-policy-mfa.json");
        assertThat(aws("iam", "get-role", "--role-name", "ReportWriter")
                .at("/Role/AssumeRolePolicyDocument/Statement/0/Condition/Bool/aws:MultiFactorAuthPresent").asText())
                .isEqualTo("true");

        JsonNode results = aws("iam", "simulate-principal-policy",
                "--policy-source-arn", "arn:aws:iam::111111111111:role/ReportWriter",
                "--action-names", "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                "--resource-arns", "arn:aws:s3:::reports/2026/q4.csv").get("EvaluationResults");
        assertThat(decision(results, "s3:GetObject")).isEqualTo("allowed");
        assertThat(decision(results, "s3:PutObject")).isEqualTo("allowed");
        assertThat(decision(results, "s3:DeleteObject")).isEqualTo("implicitDeny");
        assertThat(results.get(1).at("/MatchedStatements/0/SourcePolicyId").asText()).isEqualTo("WriteReports");
        assertThat(results.get(0).at("/MatchedStatements/0/SourcePolicyId").asText())
                .isEqualTo("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
    }

    @Test
    void iamRefusalsReachTheCliWithIamErrorCodes() throws Exception {
        ExternalCommand.Result missing = AwsCli.run(Map.of(), "--profile", "dev-admin", "iam", "get-role",
                "--role-name", "NoSuchRole");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("NoSuchEntity");
    }

    private static String decision(JsonNode results, String action) {
        for (JsonNode result : results) {
            if (result.get("EvalActionName").asText().equals(action)) {
                return result.get("EvalDecision").asText();
            }
        }
        throw new AssertionError("no result for " + action);
    }

    private static JsonNode aws(String... args) throws Exception {
        return AwsCli.devAdmin(args);
    }
}

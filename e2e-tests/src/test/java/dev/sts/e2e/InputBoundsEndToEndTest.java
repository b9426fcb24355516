package dev.sts.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Role;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9's bounded-input cases against the running platform with the AWS SDK for Java v2: a role Description
 * outside AWS's character set (U+FFFF once made ListRoles unparseable for the whole account), NotPrincipal in a
 * trust policy, and a SimulateCustomPolicy whose wildcard once cost 25 s of CPU. Each refusal beside its
 * positive control, made the same way.
 */
class InputBoundsEndToEndTest {
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::111111111111:user/admin"},"Action":"sts:AssumeRole"}]}""";

    private final IamClient iam = Clients.iam(Clients.DEV_ADMIN);

    @Test
    void aDescriptionWithUFFFFIsRefusedWhileALatin1DescriptionIsAcceptedAndListedBack() {
        String path = "/bounds-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        String latin1 = "Équipe données: coût ½, naïve ÿ";
        String good = "Described" + UUID.randomUUID().toString().substring(0, 8);
        iam.createRole(r -> r.roleName(good).path(path).assumeRolePolicyDocument(TRUST).description(latin1));

        assertThatThrownBy(() -> iam.createRole(r -> r.roleName(good + "Bad").path(path).assumeRolePolicyDocument(TRUST)
                .description("unparseable \uFFFF")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value '")
                            .contains("at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern");
                });

        List<Role> listed = iam.listRoles(r -> r.pathPrefix(path)).roles();
        assertThat(listed).extracting(Role::roleName).containsExactly(good);
        assertThat(listed.get(0).description()).isEqualTo(latin1);
        assertThat(iam.listRoles().roles()).as("the whole account's ListRoles still parses").isNotEmpty();
    }

    @Test
    void aTrustPolicyWithNotPrincipalIsRefusedWhileTheSameTrustWithPrincipalIsAccepted() {
        String name = "Trusting" + UUID.randomUUID().toString().substring(0, 8);
        String notPrincipal = TRUST.replace("\"Principal\"", "\"NotPrincipal\"");

        assertThat(iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)).role().roleName()).isEqualTo(name);
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName(name + "Open").assumeRolePolicyDocument(notPrincipal)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("NotPrincipal");
                });
        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(notPrincipal)))
                .isInstanceOfSatisfying(IamException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument"));
    }

    /** No timing assertion: the call completes and decides right, both ways. */
    @Test
    void aSimulationWithTheWorstCaseWildcardAnswersWithTheRightDecision() {
        String pattern = "arn:aws:s3:::" + "*x".repeat(1_000) + "*y"; // as many x as the ARN can hold, so it can match
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\""
                + pattern + "\"}]}";
        String matching = "arn:aws:s3:::" + "x".repeat(2_000) + "y";
        String notMatching = "arn:aws:s3:::" + "x".repeat(2_001);

        List<EvaluationResult> results = iam.simulateCustomPolicy(r -> r.policyInputList(policy)
                .callerArn("arn:aws:iam::111111111111:user/admin")
                .actionNames("s3:GetObject").resourceArns(matching, notMatching)).evaluationResults();

        assertThat(results).extracting(EvaluationResult::evalResourceName, EvaluationResult::evalDecisionAsString)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(matching, "allowed"),
                        org.assertj.core.groups.Tuple.tuple(notMatching, "implicitDeny"));
    }
}

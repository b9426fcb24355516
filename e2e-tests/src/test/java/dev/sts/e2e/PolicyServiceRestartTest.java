package dev.sts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sts.deploy.Platform;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** IAM state lives in Redis: a role created before policy-service restarts is there, unchanged, after. */
class PolicyServiceRestartTest {
    @Test
    void iamStateSurvivesARestartOfPolicyService() throws Exception {
        Platform platform = RunningPlatform.get();
        String role = "Survivor" + UUID.randomUUID().toString().substring(0, 8);
        String roleId = AwsCli.devAdmin("iam", "create-role", "--role-name", role, "--max-session-duration", "7200",
                "--assume-role-policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\"}]}")
                .at("/Role/RoleId").asText();
        AwsCli.devAdmin("iam", "attach-role-policy", "--role-name", role,
                "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess");

        platform.restart("policy-service");

        JsonNode after = AwsCli.devAdmin("iam", "get-role", "--role-name", role).get("Role");
        assertThat(after.get("RoleId").asText()).isEqualTo(roleId);
        assertThat(after.get("MaxSessionDuration").asInt()).isEqualTo(7200);
        assertThat(AwsCli.devAdmin("iam", "list-attached-role-policies", "--role-name", role)
                .at("/AttachedPolicies/0/PolicyArn").asText()).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
    }
}

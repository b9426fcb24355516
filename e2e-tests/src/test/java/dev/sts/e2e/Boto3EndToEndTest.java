package dev.sts.e2e;

import dev.sts.deploy.DevelopmentAccounts;
import dev.sts.deploy.Platform;
import dev.sts.deploy.ProjectRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the boto3 suite (pytest) against the running platform; its output becomes this test's failure message. */
class Boto3EndToEndTest {
    @Test
    void boto3SuitePasses() throws Exception {
        Platform platform = RunningPlatform.get();
        Path suite = ProjectRoot.find().resolve("e2e-tests/src/test/python");
        ExternalCommand.Result result = ExternalCommand.run(List.of("python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                suite.toString()), Map.of(
                "STS_ENDPOINT", platform.config().stsEndpoint(),
                "IAM_ENDPOINT", platform.config().iamEndpoint(),
                "DEV_ADMIN_KEY_ID", DevelopmentAccounts.DEV_ADMIN.accessKeyId(),
                "DEV_ADMIN_SECRET", DevelopmentAccounts.DEV_ADMIN.secretAccessKey(),
                "PROD_ADMIN_KEY_ID", DevelopmentAccounts.PROD_ADMIN.accessKeyId(),
                "PROD_ADMIN_SECRET", DevelopmentAccounts.PROD_ADMIN.secretAccessKey(),
                "STS_MANAGEMENT_ENDPOINT", platform.config().stsManagementEndpoint(),
                "STS_ADMIN_TOKEN", platform.secrets().adminToken()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("15 passed");
    }
}

package dev.sts.e2e;

import dev.sts.deploy.DevelopmentAccounts;
import dev.sts.deploy.Platform;
import dev.sts.deploy.ProjectRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * boto3 drives the ten OpenID Connect provider actions and the three outbound web identity federation actions of the
 * IAM API against the running platform, with AWS's shapes and errors; plain-http issuers are refused except on a
 * loopback host name, which the local platform accepts. The cases are in {@code oidc_provider_iam_boto3.py}; its
 * output becomes this test's failure message.
 */
class OidcProviderIamEndToEndTest {
    @Test
    void boto3ManagesOidcProvidersAndOutboundFederationThroughTheIamApi() throws Exception {
        Platform platform = RunningPlatform.get();
        Path cases = ProjectRoot.find().resolve("e2e-tests/src/test/python/oidc_provider_iam_boto3.py");
        ExternalCommand.Result result = ExternalCommand.run(List.of("python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                cases.toString()), Map.of(
                "IAM_ENDPOINT", platform.config().iamEndpoint(),
                "DEV_ADMIN_KEY_ID", DevelopmentAccounts.DEV_ADMIN.accessKeyId(),
                "DEV_ADMIN_SECRET", DevelopmentAccounts.DEV_ADMIN.secretAccessKey(),
                "PROD_ADMIN_KEY_ID", DevelopmentAccounts.PROD_ADMIN.accessKeyId(),
                "PROD_ADMIN_SECRET", DevelopmentAccounts.PROD_ADMIN.secretAccessKey()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("5 passed");
    }
}

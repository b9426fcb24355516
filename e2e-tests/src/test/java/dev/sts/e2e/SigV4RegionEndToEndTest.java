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
 * boto3 clients signing for eu-west-1 (and a made-up region) against the us-east-1 STS and IAM endpoints are
 * refused with SignatureDoesNotMatch and audited as us-east-1; clients signing for us-east-1 are accepted.
 * The cases are in {@code sigv4_region_boto3.py}; its output becomes this test's failure message.
 */
class SigV4RegionEndToEndTest {
    @Test
    void requestsSignedForAnotherRegionThanTheEndpointsAreRefusedByStsAndIam() throws Exception {
        Platform platform = RunningPlatform.get();
        Path cases = ProjectRoot.find().resolve("e2e-tests/src/test/python/sigv4_region_boto3.py");
        ExternalCommand.Result result = ExternalCommand.run(List.of("python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                cases.toString()), Map.of(
                "STS_ENDPOINT", platform.config().stsEndpoint(),
                "IAM_ENDPOINT", platform.config().iamEndpoint(),
                "AUDIT_ARCHIVE_DIR", platform.config().stateDir().resolve("audit-archive").toString(),
                "DEV_ADMIN_KEY_ID", DevelopmentAccounts.DEV_ADMIN.accessKeyId(),
                "DEV_ADMIN_SECRET", DevelopmentAccounts.DEV_ADMIN.secretAccessKey()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("7 passed");
    }
}

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
 * GetWebIdentityToken through the whole platform with boto3: outbound federation enabled through IAM, tokens of both
 * algorithms verified with Python's {@code cryptography} against the JWKS the issuer publishes (fetched over HTTP from
 * its discovery document), a role session's token naming its role and limited by its policy's condition keys, the
 * payload-size and disabled-account refusals, the audit event keeping the expiration and never the token, and AssumeRoleWithWebIdentity refusing such a token even with a
 * provider registered for its issuer (beside a local issuer's token it accepts). The cases are in
 * {@code web_identity_token_boto3.py}; its output becomes this test's failure message.
 */
class GetWebIdentityTokenEndToEndTest {
    @Test
    void boto3GetsTokensThatAnIndependentLibraryVerifiesAndAssumeRoleWithWebIdentityRefuses() throws Exception {
        Platform platform = RunningPlatform.get();
        Path cases = ProjectRoot.find().resolve("e2e-tests/src/test/python/web_identity_token_boto3.py");
        ExternalCommand.Result result = ExternalCommand.run(List.of("python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                cases.toString()), Map.of(
                "STS_ENDPOINT", platform.config().stsEndpoint(),
                "IAM_ENDPOINT", platform.config().iamEndpoint(),
                "AUDIT_ARCHIVE_DIR", platform.config().stateDir().resolve("audit-archive").toString(),
                "PROD_ADMIN_KEY_ID", DevelopmentAccounts.PROD_ADMIN.accessKeyId(),
                "PROD_ADMIN_SECRET", DevelopmentAccounts.PROD_ADMIN.secretAccessKey()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("8 passed");
    }
}

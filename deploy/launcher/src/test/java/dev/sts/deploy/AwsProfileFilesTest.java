package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsProfileFilesTest {

    private static final String STS = "http://127.0.0.1:18080";
    private static final String IAM = "http://127.0.0.1:18090";

    @Test
    void everyProfilePointsAtTheLocalServicesSection() {
        String config = AwsProfileFiles.configText(STS, IAM);

        assertThat(config)
                .contains("[profile dev-admin]\nregion = us-east-1\noutput = json\nservices = sts-local\nendpoint_url = " + STS + "\n")
                .contains("[profile prod-admin]\nregion = us-east-1\noutput = json\nservices = sts-local\nendpoint_url = " + STS + "\n")
                .contains("[services sts-local]\nsts =\n  endpoint_url = " + STS + "\niam =\n  endpoint_url = " + IAM + "\n");
    }

    @Test
    void credentialsHoldTheDevelopmentKeys(@TempDir Path dir) throws IOException {
        AwsProfileFiles.write(dir.resolve("aws-config"), dir.resolve("aws-credentials"), STS, IAM);

        assertThat(dir.resolve("aws-credentials")).content()
                .contains("[dev-admin]\naws_access_key_id = " + DevelopmentAccounts.DEV_ADMIN.accessKeyId()
                        + "\naws_secret_access_key = " + DevelopmentAccounts.DEV_ADMIN.secretAccessKey() + "\n")
                .contains("[prod-admin]\naws_access_key_id = " + DevelopmentAccounts.PROD_ADMIN.accessKeyId() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("aws-credentials"))))
                .isEqualTo("rw-------");
    }

    /** Cross-checks the files with the real botocore (what the aws CLI and boto3 use), where it is installed. */
    @Test
    void botocoreSendsStsAndIamToTheirServicesAndEverythingElseToTheLocalEndpoint(@TempDir Path dir) throws Exception {
        AwsProfileFiles.write(dir.resolve("aws-config"), dir.resolve("aws-credentials"), STS, IAM);
        String script = String.join("\n",
                "try:",
                "    import botocore.session",
                "except ImportError:",
                "    print('NO_BOTOCORE'); raise SystemExit(0)",
                "for profile in ('dev-admin', 'prod-admin'):",
                "    session = botocore.session.Session(profile=profile)",
                "    for service in ('sts', 'iam', 's3'):",
                "        print(profile, service, session.create_client(service).meta.endpoint_url)",
                "    print(profile, 'key', session.get_credentials().access_key)");
        ProcessBuilder python = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true);
        python.environment().put("AWS_CONFIG_FILE", dir.resolve("aws-config").toString());
        python.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("aws-credentials").toString());
        python.environment().keySet().removeIf(name -> name.startsWith("AWS_ENDPOINT_URL") || name.equals("AWS_PROFILE"));
        // python3 and botocore are test tools like redis-server (.ci/run installs them): missing is a failure, not a skip.
        Process process = python.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("botocore must be installed (pip install boto3)").doesNotContain("NO_BOTOCORE");

        assertThat(output).contains(
                "dev-admin sts " + STS, "dev-admin iam " + IAM, "dev-admin s3 " + STS,
                "prod-admin sts " + STS, "prod-admin iam " + IAM,
                "dev-admin key " + DevelopmentAccounts.DEV_ADMIN.accessKeyId(),
                "prod-admin key " + DevelopmentAccounts.PROD_ADMIN.accessKeyId());
    }
}

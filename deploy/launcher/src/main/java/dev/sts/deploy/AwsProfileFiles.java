package dev.sts.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes an AWS shared config file and credentials file with one profile per {@link DevelopmentAccounts}
 * account, pointed at the local platform. Use them with
 * {@code AWS_CONFIG_FILE=<state>/aws-config AWS_SHARED_CREDENTIALS_FILE=<state>/aws-credentials}.
 *
 * <p>How the endpoints resolve (botocore's {@code EndpointResolver} order, checked with aws-cli 1.45 and
 * boto3 1.43): a service's entry in the profile's {@code services} section wins over the profile's plain
 * {@code endpoint_url}. So {@code sts} goes to token-service, {@code iam} to policy-service, and the plain
 * {@code endpoint_url} catches every other service: the development keys are never sent to real AWS.
 */
public final class AwsProfileFiles {

    /** The name of the {@code [services ...]} section every profile refers to. */
    public static final String SERVICES_SECTION = "sts-local";

    private AwsProfileFiles() {
    }

    /** Writes both files, replacing earlier ones. */
    public static void write(Path configFile, Path credentialsFile, String stsEndpoint, String iamEndpoint) {
        try {
            Files.createDirectories(configFile.toAbsolutePath().getParent());
            Files.writeString(configFile, configText(stsEndpoint, iamEndpoint), StandardCharsets.UTF_8);
            Files.createDirectories(credentialsFile.toAbsolutePath().getParent());
            Files.writeString(credentialsFile, credentialsText(), StandardCharsets.UTF_8);
            restrictToOwner(credentialsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the AWS profile files " + configFile + " and " + credentialsFile, e);
        }
    }

    static String configText(String stsEndpoint, String iamEndpoint) {
        StringBuilder text = new StringBuilder()
                .append("# Written by ./sts up (dev.sts.deploy.AwsProfileFiles) for the local STS platform.\n")
                .append("# In [services ").append(SERVICES_SECTION).append("], sts and iam override the profile's endpoint_url;\n")
                .append("# the profile's endpoint_url keeps every other service away from real AWS.\n");
        for (DevelopmentAccounts.DevelopmentAccount account : DevelopmentAccounts.ALL) {
            text.append('\n')
                    .append("# account ").append(account.accountId()).append('\n')
                    .append("[profile ").append(account.profile()).append("]\n")
                    .append("region = ").append(DevelopmentAccounts.REGION).append('\n')
                    .append("output = json\n")
                    .append("services = ").append(SERVICES_SECTION).append('\n')
                    .append("endpoint_url = ").append(stsEndpoint).append('\n');
        }
        text.append('\n')
                .append("[services ").append(SERVICES_SECTION).append("]\n")
                .append("sts =\n")
                .append("  endpoint_url = ").append(stsEndpoint).append('\n')
                .append("iam =\n")
                .append("  endpoint_url = ").append(iamEndpoint).append('\n');
        return text.toString();
    }

    static String credentialsText() {
        StringBuilder text = new StringBuilder()
                .append("# Written by ./sts up. Development keys for the LOCAL platform only; see dev.sts.deploy.DevelopmentAccounts.\n");
        for (DevelopmentAccounts.DevelopmentAccount account : DevelopmentAccounts.ALL) {
            text.append('\n')
                    .append('[').append(account.profile()).append("]\n")
                    .append("aws_access_key_id = ").append(account.accessKeyId()).append('\n')
                    .append("aws_secret_access_key = ").append(account.secretAccessKey()).append('\n');
        }
        return text.toString();
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Nothing to restrict on such a file system; the keys are public development keys anyway.
        }
    }
}

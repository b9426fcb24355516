package dev.sts.e2e;

import dev.sts.deploy.DevelopmentAccounts;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;

/** AWS SDK for Java v2 clients of the running platform, as a user configures them: an endpoint override. No retries, so every refusal shows. */
final class Clients {
    /** The development account's admin, as the platform seeds it (account 111111111111). */
    static final AwsBasicCredentials DEV_ADMIN = AwsBasicCredentials.create(
            DevelopmentAccounts.DEV_ADMIN.accessKeyId(), DevelopmentAccounts.DEV_ADMIN.secretAccessKey());
    /** The production account's admin (account 222222222222). */
    static final AwsBasicCredentials PROD_ADMIN = AwsBasicCredentials.create(
            DevelopmentAccounts.PROD_ADMIN.accessKeyId(), DevelopmentAccounts.PROD_ADMIN.secretAccessKey());

    private Clients() {
    }

    static StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(URI.create(RunningPlatform.get().config().stsEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
    }

    /** The temporary credentials STS answered, as the SDK takes them. */
    static AwsSessionCredentials session(Credentials credentials) {
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken());
    }

    /** IAM is global and signs for us-east-1; the SDK's {@code aws-global} pseudo-region is refused, as AWS refuses it. */
    static IamClient iam(AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(URI.create(RunningPlatform.get().config().iamEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build();
    }
}

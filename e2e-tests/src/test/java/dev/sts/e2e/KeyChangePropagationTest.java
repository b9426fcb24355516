package dev.sts.e2e;

import dev.sts.deploy.DevelopmentAccounts;
import dev.sts.deploy.Platform;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IAM changes reach token-service through {@code iam.changes.v1}: a key created through IAM signs STS
 * calls at once, and a key set Inactive stops working there. The propagation time is printed, not
 * asserted (timings belong to benchmarks); the test only bounds it generously.
 */
class KeyChangePropagationTest {
    @Test
    void deactivatedKeyStopsWorkingAtTheStsEndpoint() throws Exception {
        Platform platform = RunningPlatform.get();
        IamClient iam = IamClient.builder().endpointOverride(URI.create(platform.config().iamEndpoint()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        DevelopmentAccounts.DEV_ADMIN.accessKeyId(), DevelopmentAccounts.DEV_ADMIN.secretAccessKey())))
                .build();
        String userName = "ci-bot-" + UUID.randomUUID().toString().substring(0, 8);
        iam.createUser(r -> r.userName(userName));
        AccessKey key = iam.createAccessKey(r -> r.userName(userName)).accessKey();

        StsClient sts = StsClient.builder().endpointOverride(URI.create(platform.config().stsEndpoint()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .build();
        assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::111111111111:user/" + userName);

        iam.updateAccessKey(r -> r.userName(userName).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        long changedAt = System.nanoTime();
        String refusal = Eventually.refused(sts::getCallerIdentity);
        long millis = Duration.ofNanos(System.nanoTime() - changedAt).toMillis();
        System.out.printf("[measured] an Inactive key was refused by token-service %d ms after UpdateAccessKey returned%n", millis);
        assertThat(refusal).isEqualTo("InvalidClientTokenId");
    }
}

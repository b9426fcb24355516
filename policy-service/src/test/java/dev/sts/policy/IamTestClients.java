package dev.sts.policy;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;

/**
 * The AWS SDK's IAM client as these tests use it against policy-service: signing for us-east-1 (IAM's region; the
 * SDK would sign an endpoint override with {@code Region.AWS_GLOBAL} as "aws-global", which IAM refuses), and
 * without retries, so that every refusal reaches the test as sent.
 */
final class IamTestClients {
    private IamTestClients() {
    }

    static IamClient of(URI endpoint, String accessKeyId, String secretAccessKey) {
        return of(endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
    }

    static IamClient of(URI endpoint, AwsCredentialsProvider credentials) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }
}

package dev.sts.e2e;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * policy-service's authorize API as a resource service uses it: a GET signed by the AWS SDK's signer with
 * session credentials (service {@code s3}), forwarded with the action and resource it asks for.
 */
final class AuthorizeApi {
    private AuthorizeApi() {
    }

    /** {@code Allow} or {@code Deny}; fails the test if the forwarded signature itself was refused. */
    static String decision(AwsSessionCredentials session, String action, String resource) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("https")
                .host("reports.internal.example").encodedPath("/q4.csv").build();
        AwsSessionCredentialsIdentity identity = AwsSessionCredentialsIdentity.create(session.accessKeyId(),
                session.secretAccessKey(), session.sessionToken());
        Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
        StringBuilder json = new StringBuilder("{\"signedRequest\":{\"method\":\"GET\",\"path\":\"/q4.csv\",\"service\":\"s3\",\"headers\":{");
        headers.forEach((name, values) -> json.append('"').append(name).append("\":[\"").append(values.get(0)).append("\"],"));
        json.setLength(json.length() - 1);
        json.append("}},\"action\":\"").append(action).append("\",\"resource\":\"").append(resource).append("\"}");
        var platform = RunningPlatform.get();
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.config().iamEndpoint() + "/v1/authorize"))
                .header("Content-Type", "application/json")
                .header("X-Sts-Authorize-Token", AdminApi.resourceServiceToken())
                .POST(HttpRequest.BodyPublishers.ofString(json.toString())).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).doesNotContain("\"error\":{");
        return body.contains("\"decision\":\"Allow\"") ? "Allow" : "Deny";
    }
}

package dev.sts.e2e;

import dev.sts.deploy.DevelopmentAccounts;
import dev.sts.deploy.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GetAccessKeyInfo and DecodeAuthorizationMessage through the AWS SDK for Java v2, against the whole platform. */
class AccessKeyInfoAndDecodeTest {
    private static Platform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
    }

    @Test
    void getAccessKeyInfoNamesTheOwningAccountOfAnyKey() {
        StsClient sts = sts(DEV_ADMIN);
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(DevelopmentAccounts.PROD_ADMIN.accessKeyId())).account())
                .isEqualTo("222222222222");
        Credentials session = sts.getSessionToken(r -> r.durationSeconds(900)).credentials();
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(session.accessKeyId())).account()).isEqualTo("111111111111");
        // A session key id names its account where AWS puts it: this one is AWS's own, from the public research.
        assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId("ASIAY34FZKBOKMUTVV7A")).account()).isEqualTo("609629065308");
        assertThatThrownBy(() -> sts.getAccessKeyInfo(r -> r.accessKeyId("ASIA7777777777777777")))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sts.getAccessKeyInfo(r -> r.accessKeyId("AKIANOSUCHKEY0000009")))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> sts.getAccessKeyInfo(r -> r.accessKeyId("short")))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void aDenialsMessageDecodesOnlyForCallersAllowedToDecode() throws Exception {
        IamClient iam = IamClient.builder().endpointOverride(URI.create(platform.config().iamEndpoint()))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(DEV_ADMIN)).build();
        String user = "no-perms-" + UUID.randomUUID().toString().substring(0, 8);
        iam.createUser(r -> r.userName(user));
        AccessKey key = iam.createAccessKey(r -> r.userName(user)).accessKey();

        String encoded = denialFor("arn:aws:iam::111111111111:user/" + user);
        String decoded = sts(DEV_ADMIN).decodeAuthorizationMessage(r -> r.encodedMessage(encoded)).decodedMessage();
        assertThat(decoded).contains("\"allowed\":false", "\"action\":\"s3:DeleteBucket\"",
                "\"arn\":\"arn:aws:iam::111111111111:user/" + user + "\"");

        // The user without permissions may not read it (the details can reveal policies).
        assertThatThrownBy(() -> sts(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))
                .decodeAuthorizationMessage(r -> r.encodedMessage(encoded)))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThatThrownBy(() -> sts(DEV_ADMIN).decodeAuthorizationMessage(r -> r.encodedMessage(encoded.substring(1))))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidAuthorizationMessageException"));
    }

    /** Asks the authorize API, as a resource service would, about an action the user may not perform. */
    private static String denialFor(String principalArn) throws Exception {
        String body = "{\"principalArn\":\"" + principalArn + "\",\"action\":\"s3:DeleteBucket\","
                + "\"resource\":\"arn:aws:s3:::reports\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.config().iamEndpoint() + "/v1/authorize"))
                .header("Content-Type", "application/json")
                .header("X-Sts-Authorize-Token", AdminApi.resourceServiceToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Matcher message = Pattern.compile("\"encodedAuthorizationMessage\":\"([^\"]+)\"").matcher(answer.body());
        assertThat(message.find()).as(answer.body()).isTrue();
        return message.group(1);
    }

    private static StsClient sts(AwsCredentials credentials) {
        return Clients.sts(credentials);
    }
}

package dev.sts.e2e;

import dev.sts.deploy.DevelopmentAccounts;
import dev.sts.deploy.Platform;
import dev.sts.deploy.ProjectRoot;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static dev.sts.e2e.Clients.iam;

/**
 * Web identity federation as its users set it up: an OpenID Connect provider registered with boto3 (IAM
 * CreateOpenIDConnectProvider), a role that trusts it, and unsigned AssumeRoleWithWebIdentity calls through the AWS
 * SDK for Java v2 (anonymous credentials) and boto3 ({@code web_identity_boto3.py}).
 */
final class WebIdentity {
    static final String ACCOUNT = DevelopmentAccounts.DEV_ADMIN.accountId();
    private static final Path PYTHON = ProjectRoot.find().resolve("e2e-tests/src/test/python");
    /** An STS call that never answers fails the test instead of holding it: the bound of a refusal's time. */
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(90);

    private WebIdentity() {
    }

    /**
     * The provider's ARN, {@code arn:aws:iam::111111111111:oidc-provider/HOST/PATH}, created through boto3 as the dev
     * admin; {@code url} as IAM takes it (with its scheme).
     */
    static String registerProvider(String url, String clientId) throws Exception {
        String answer = boto3("register-provider", url, clientId);
        String arn = field(answer, "arn");
        if (arn == null) {
            throw new AssertionError("boto3 did not create the OIDC provider " + url + ": " + answer);
        }
        return arn;
    }

    /**
     * boto3's {@code assume_role_with_web_identity} (unsigned), then GetCallerIdentity with the credentials: the
     * script's JSON answer ({@code callerArn}, {@code subject}, ... or {@code error}, {@code requestId}).
     */
    static String boto3Assume(String roleArn, String token, String sessionName) throws Exception {
        Path tokenFile = tokenFile(token);
        try {
            return boto3("assume", roleArn, tokenFile.toString(), sessionName);
        } finally {
            Files.deleteIfExists(tokenFile);
        }
    }

    /** A private file holding {@code token}, as Kubernetes projects a service-account token into a pod. */
    static Path tokenFile(String token) throws Exception {
        Path file = Files.createTempFile("web-identity-token-", ".jwt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token);
        return file;
    }

    /**
     * {@code pod_get_caller_identity.py} with exactly the environment a pod gets (no keys): botocore's own web
     * identity credential provider gets the credentials. Its JSON answer ({@code arn}, {@code method}).
     */
    static ExternalCommand.Result podGetCallerIdentity(String roleArn, Path tokenFile, String sessionName) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_ROLE_ARN", roleArn);
        environment.put("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString());
        environment.put("AWS_ROLE_SESSION_NAME", sessionName);
        environment.put("AWS_ENDPOINT_URL_STS", RunningPlatform.get().config().stsEndpoint());
        // As the EKS pod identity webhook sets both: botocore reads AWS_DEFAULT_REGION, other SDKs AWS_REGION.
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        // Nothing else from this machine: no shared config or credentials files, no instance metadata.
        environment.put("AWS_CONFIG_FILE", "/dev/null");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.put("AWS_MAX_ATTEMPTS", "1");
        return ExternalCommand.run(List.of("python3", PYTHON.resolve("pod_get_caller_identity.py").toString()),
                environment);
    }

    /** A role of the dev account whose trust policy is {@code trustPolicy}; its ARN. */
    static String createRole(String name, String trustPolicy) {
        return iam(DEV_ADMIN).createRole(r -> r.roleName(name).assumeRolePolicyDocument(trustPolicy)).role().arn();
    }

    /**
     * The trust policy of a role for a provider's workloads: {@code sts:AssumeRoleWithWebIdentity} (and
     * {@code sts:TagSession}, for the tags a token carries) by {@code {"Federated": providerArn}} when the token's
     * {@code aud} and {@code sub} are exactly these ({@code HOST/PATH:aud}, {@code HOST/PATH:sub}).
     */
    static String trustPolicy(String providerArn, String audience, String subject) {
        String hostPath = hostPathOf(providerArn);
        return """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"Federated": "%s"},
                  "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
                  "Condition": {"StringEquals": {"%s:aud": "%s", "%s:sub": "%s"}}}]}
                """.formatted(providerArn, hostPath, audience, hostPath, subject);
    }

    /** {@code HOST/PATH} of a provider's ARN: the prefix of its condition keys. */
    static String hostPathOf(String providerArn) {
        return providerArn.substring(providerArn.indexOf(":oidc-provider/") + ":oidc-provider/".length());
    }

    /** STS without credentials, as a workload holding only its token calls it; no retries, so every refusal shows. */
    static StsClient anonymousSts() {
        Platform platform = RunningPlatform.get();
        return StsClient.builder().endpointOverride(URI.create(platform.config().stsEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(API_CALL_TIMEOUT).build())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()).apiCallTimeout(API_CALL_TIMEOUT))
                .build();
    }

    /** A string field of a flat JSON object, or null. */
    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String boto3(String... args) throws Exception {
        Platform platform = RunningPlatform.get();
        List<String> command = new java.util.ArrayList<>(List.of("python3", PYTHON.resolve("web_identity_boto3.py").toString()));
        command.addAll(List.of(args));
        ExternalCommand.Result result = ExternalCommand.run(command, Map.of(
                "STS_ENDPOINT", platform.config().stsEndpoint(),
                "IAM_ENDPOINT", platform.config().iamEndpoint(),
                "DEV_ADMIN_KEY_ID", DevelopmentAccounts.DEV_ADMIN.accessKeyId(),
                "DEV_ADMIN_SECRET", DevelopmentAccounts.DEV_ADMIN.secretAccessKey(),
                "AWS_CONFIG_FILE", "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        if (result.exitCode() != 0) {
            throw new AssertionError("web_identity_boto3.py " + args[0] + " failed:\n" + result.output());
        }
        return result.output().strip();
    }
}

package dev.sts.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9's attacks on IAM authorization, made with the AWS SDK for Java v2 against the running platform, each with a
 * positive control made the same way: tag guardrails (aws:TagKeys, aws:RequestTag, aws:ResourceTag,
 * iam:PermissionsBoundary, iam:PolicyARN), the authorize API refusing derived keys, account isolation of customer
 * managed policies, SimulateCustomPolicy without CallerArn, and IAM throttling.
 */
class IamRequestContextEndToEndTest {
    private static final String DEV = "111111111111";
    private static final String S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

    @Test
    void aUserAllowedOnlyANicknameTagCannotTagItselfAdminNorReachTheAdminRole() {
        String name = unique("mallory");
        String userArn = "arn:aws:iam::" + DEV + ":user/" + name;
        AwsBasicCredentials mallory = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:TagUser","Resource":"%s",
                 "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["nickname"]}}}]}""".formatted(userArn));
        String adminRole = unique("TagAdmin");
        String roleArn = admin().createRole(r -> r.roleName(adminRole).assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"sts:AssumeRole",
                 "Condition":{"StringEquals":{"aws:PrincipalTag/access":"admin"}}}]}""".formatted(userArn))).role().arn();
        IamClient iam = Clients.iam(mallory);
        StsClient sts = Clients.sts(mallory);

        assertIamError(() -> iam.tagUser(r -> r.userName(name).tags(tag("access", "admin"))), "AccessDenied", 403);
        assertThat(admin().listUserTags(r -> r.userName(name)).tags()).isEmpty();
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("escalate")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

        // Positive controls: the allowed key is accepted, and once an administrator tags the user, the role is in reach.
        iam.tagUser(r -> r.userName(name).tags(tag("nickname", "mal")));
        admin().tagUser(r -> r.userName(name).tags(tag("access", "admin")));
        assertThat(Eventually.succeeds(() -> sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("granted")))
                .assumedRoleUser().arn()).contains(adminRole);
    }

    @Test
    void requestTagResourceTagBoundaryAndPolicyArnGuardrailsHoldOnTheLiveApi() {
        String name = unique("delegate");
        AwsBasicCredentials delegate = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"iam:CreateUser","Resource":"*",
                  "Condition":{"StringEquals":{"aws:RequestTag/team":"data","iam:PermissionsBoundary":"%1$s"}}},
                 {"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*",
                  "Condition":{"ArnEquals":{"iam:PolicyARN":"%1$s"},"StringEquals":{"aws:ResourceTag/team":"data"}}},
                 {"Effect":"Deny","Action":"iam:AttachUserPolicy","Resource":"*",
                  "Condition":{"StringEquals":{"aws:ResourceTag/frozen":"true"}}}]}""".formatted(S3_READ_ONLY));
        IamClient iam = Clients.iam(delegate);

        assertIamError(() -> iam.createUser(r -> r.userName(unique("x")).tags(tag("team", "ops"))
                .permissionsBoundary(S3_READ_ONLY)), "AccessDenied", 403);
        assertIamError(() -> iam.createUser(r -> r.userName(unique("x")).tags(tag("team", "data"))), "AccessDenied", 403);
        String made = unique("made");
        iam.createUser(r -> r.userName(made).tags(tag("team", "data")).permissionsBoundary(S3_READ_ONLY));

        assertIamError(() -> iam.attachUserPolicy(r -> r.userName(made).policyArn("arn:aws:iam::aws:policy/IAMFullAccess")),
                "AccessDenied", 403);
        String frozen = unique("frozen");
        admin().createUser(r -> r.userName(frozen).tags(tag("team", "data"), tag("frozen", "true")));
        assertIamError(() -> iam.attachUserPolicy(r -> r.userName(frozen).policyArn(S3_READ_ONLY)), "AccessDenied", 403);
        iam.attachUserPolicy(r -> r.userName(made).policyArn(S3_READ_ONLY));
        assertThat(admin().listAttachedUserPolicies(r -> r.userName(made)).attachedPolicies()).hasSize(1);
    }

    @Test
    void theAuthorizeApiRefusesACallerSuppliedTokenIssueTimeOrMfaFlag() throws Exception {
        String role = unique("NoMfaReader");
        String roleArn = admin().createRole(r -> r.roleName(role).assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},
                 "Action":"sts:AssumeRole"}]}""")).role().arn();
        admin().putRolePolicy(r -> r.roleName(role).policyName("reader").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
                 {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secrets/*",
                  "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}},
                 {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::old/*",
                  "Condition":{"DateLessThan":{"aws:TokenIssueTime":"2100-01-01T00:00:00Z"}}}]}"""));
        AwsSessionCredentials session = Clients.session(Eventually.succeeds(() -> Clients.sts(Clients.DEV_ADMIN)
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("reader"))).credentials());

        assertThat(authorize(session, "arn:aws:s3:::secrets/plan", "{\"aws:MultiFactorAuthPresent\":[\"true\"]}"))
                .startsWith("400 ").contains("\"code\":\"ValidationError\"", "aws:MultiFactorAuthPresent is derived by the platform");
        assertThat(authorize(session, "arn:aws:s3:::old/plan", "{\"aws:TokenIssueTime\":[\"2200-01-01T00:00:00Z\"]}"))
                .startsWith("400 ").contains("\"code\":\"ValidationError\"", "aws:TokenIssueTime is derived by the platform");
        // Positive controls, the same requests with a service key: the denies still apply, the allow still grants.
        assertThat(authorize(session, "arn:aws:s3:::secrets/plan", "{\"s3:ExistingObjectTag/x\":[\"y\"]}"))
                .startsWith("200 ").contains("\"decision\":\"Deny\"", "\"outcome\":\"explicitDeny\"");
        assertThat(authorize(session, "arn:aws:s3:::old/plan", "{}")).startsWith("200 ").contains("\"decision\":\"Deny\"");
        assertThat(authorize(session, "arn:aws:s3:::public/plan", "{\"s3:ExistingObjectTag/x\":[\"y\"]}"))
                .startsWith("200 ").contains("\"decision\":\"Allow\"");
    }

    @Test
    void anotherAccountsPolicyCannotBeAttachedOrBoundAndItsOwnerCanStillDeleteIt() {
        IamClient prod = Clients.iam(Clients.PROD_ADMIN);
        String theirs = prod.createPolicy(r -> r.policyName(unique("ProdOnly")).policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")).policy().arn();
        String user = unique("borrower");
        admin().createUser(r -> r.userName(user));
        String message = "Policy " + theirs + " does not exist or is not attachable.";

        assertIamMessage(() -> admin().attachUserPolicy(r -> r.userName(user).policyArn(theirs)), "NoSuchEntity", message);
        assertIamMessage(() -> admin().putUserPermissionsBoundary(r -> r.userName(user).permissionsBoundary(theirs)),
                "NoSuchEntity", message);
        assertIamMessage(() -> admin().createRole(r -> r.roleName(unique("b")).permissionsBoundary(theirs)
                .assumeRolePolicyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},
                         "Action":"sts:AssumeRole"}]}""")), "NoSuchEntity", message);
        // Positive controls: the account's own policy and an AWS managed one are attachable.
        String own = admin().createPolicy(r -> r.policyName(unique("DevOwn")).policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""")).policy().arn();
        admin().attachUserPolicy(r -> r.userName(user).policyArn(own));
        admin().putUserPermissionsBoundary(r -> r.userName(user).permissionsBoundary(S3_READ_ONLY));

        prod.deletePolicy(r -> r.policyArn(theirs));
        assertIamError(() -> prod.getPolicy(r -> r.policyArn(theirs)), "NoSuchEntity", 404);
        assertIamError(() -> admin().deletePolicy(r -> r.policyArn(own)), "DeleteConflict", 409);
    }

    @Test
    void simulateCustomPolicyWithoutACallerArnEvaluatesTheGivenPolicies() {
        List<EvaluationResult> results = admin().simulateCustomPolicy(r -> r.policyInputList("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")
                .actionNames("s3:GetObject", "iam:CreateUser")).evaluationResults();
        assertThat(results).extracting(EvaluationResult::evalDecision).containsOnly(PolicyEvaluationDecisionType.ALLOWED);
        List<EvaluationResult> denied = admin().simulateCustomPolicy(r -> r.policyInputList("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
                 {"Effect":"Deny","Action":"iam:*","Resource":"*"}]}""")
                .actionNames("s3:GetObject", "iam:CreateUser")).evaluationResults();
        assertThat(denied).extracting(EvaluationResult::evalDecision)
                .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.EXPLICIT_DENY);
    }

    @Test
    void iamCallsBeyondAnAccountsRateAreThrottledAndOtherAccountsAreNot() throws Exception {
        IamClient prod = Clients.iam(Clients.PROD_ADMIN);
        AtomicReference<IamException> throttled = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000 && !stop.get(); i++) {
                        try {
                            prod.listPolicyVersions(r -> r.policyArn(S3_READ_ONLY));
                        } catch (IamException e) {
                            throttled.compareAndSet(null, e);
                            stop.set(true);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(throttled.get()).as("no call was throttled").isNotNull();
        assertThat(throttled.get().awsErrorDetails().errorCode()).isEqualTo("Throttling");
        assertThat(throttled.get().awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        assertThat(throttled.get().statusCode()).isEqualTo(400);
        // Positive control: the same call by another account passes meanwhile.
        assertThat(admin().listPolicyVersions(r -> r.policyArn(S3_READ_ONLY)).versions()).isNotEmpty();
    }

    // ---- helpers

    private static IamClient admin() {
        return Clients.iam(Clients.DEV_ADMIN);
    }

    private static AwsBasicCredentials userWithPolicy(String name, String policy) {
        admin().createUser(r -> r.userName(name));
        admin().putUserPolicy(r -> r.userName(name).policyName("only").policyDocument(policy));
        AccessKey key = admin().createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    /** The authorize API's status and body for a GET signed with the session, asking for s3:GetObject with a context. */
    private static String authorize(AwsSessionCredentials session, String resource, String contextJson) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("https")
                .host("reports.internal.example").encodedPath("/plan").build();
        AwsSessionCredentialsIdentity identity = AwsSessionCredentialsIdentity.create(session.accessKeyId(),
                session.secretAccessKey(), session.sessionToken());
        Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
        StringBuilder json = new StringBuilder("{\"signedRequest\":{\"method\":\"GET\",\"path\":\"/plan\",\"service\":\"s3\",\"headers\":{");
        headers.forEach((name, values) -> json.append('"').append(name).append("\":[\"").append(values.get(0)).append("\"],"));
        json.setLength(json.length() - 1);
        json.append("}},\"action\":\"s3:GetObject\",\"resource\":\"").append(resource).append("\",\"context\":")
                .append(contextJson).append('}');
        var platform = RunningPlatform.get();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.config().iamEndpoint() + "/v1/authorize"))
                .header("Content-Type", "application/json")
                .header("X-Sts-Authorize-Token", AdminApi.resourceServiceToken())
                .POST(HttpRequest.BodyPublishers.ofString(json.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertIamError(Runnable call, String code, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }

    private static void assertIamMessage(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}

package dev.sts.policy;

import dev.sts.core.iam.IamRepository;
import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * IAM calls are decided with the condition keys the IAM service authorization reference lists for them
 * (aws:TagKeys, aws:RequestTag/*, aws:ResourceTag/*, iam:PermissionsBoundary, iam:PolicyARN), the simulator
 * builds the same keys, and customer managed policies stay in their own account. Through the AWS SDK for
 * Java v2 against real Redis and Kafka; every refusal has a positive control made the same way.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "policy-service"))
class IamRequestContextApiTest {
    private static final String ACCOUNT = "333333333333";
    private static final String OTHER_ACCOUNT = "444444444444";
    private static final String S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    IamRepository iam;

    // ---- aws:TagKeys and aws:RequestTag: the self-tagging attack of issue 9

    @Test
    void aUserAllowedToTagItselfOnlyWithANicknameCannotTagItselfAdmin() {
        String name = unique("tagger");
        IamClient user = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:TagUser",
                 "Resource":"arn:aws:iam::333333333333:user/%s",
                 "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["nickname"]}}}]}""".formatted(name));

        assertError(() -> user.tagUser(r -> r.userName(name).tags(tag("access", "admin"))), "AccessDenied", 403);
        assertError(() -> user.tagUser(r -> r.userName(name).tags(tag("nickname", "x"), tag("access", "admin"))),
                "AccessDenied", 403);
        assertThat(root().listUserTags(r -> r.userName(name)).tags()).isEmpty();

        user.tagUser(r -> r.userName(name).tags(tag("nickname", "ace")));
        assertThat(root().listUserTags(r -> r.userName(name)).tags()).extracting(Tag::key).containsExactly("nickname");
    }

    @Test
    void anAllowOnARequestTagValueGrantsOnlyThatValue() {
        String name = unique("creator");
        IamClient user = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateUser","iam:TagUser"],
                 "Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/team":"data"}}}]}""");

        assertError(() -> user.createUser(r -> r.userName(unique("made")).tags(tag("team", "ops"))), "AccessDenied", 403);
        assertError(() -> user.createUser(r -> r.userName(unique("made"))), "AccessDenied", 403);
        String made = unique("made");
        user.createUser(r -> r.userName(made).tags(tag("team", "data")));
        assertThat(root().getUser(r -> r.userName(made)).user().tags()).extracting(Tag::value).containsExactly("data");
    }

    @Test
    void untaggingIsDecidedOnTheKeysItRemoves() {
        String name = unique("untagger");
        IamClient user = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:UntagUser","Resource":"*",
                 "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["nickname"]}}}]}""");
        root().tagUser(r -> r.userName(name).tags(tag("nickname", "ace"), tag("guard", "on")));

        assertError(() -> user.untagUser(r -> r.userName(name).tagKeys("guard")), "AccessDenied", 403);
        user.untagUser(r -> r.userName(name).tagKeys("nickname"));
        assertThat(root().listUserTags(r -> r.userName(name)).tags()).extracting(Tag::key).containsExactly("guard");
    }

    // ---- aws:ResourceTag: the tags of the role or user acted on, from IAM state

    @Test
    void aResourceTagConditionFollowsTheTargetsTags() {
        String name = unique("operator");
        IamClient user = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:UpdateRole","Resource":"*",
                 "Condition":{"StringEquals":{"aws:ResourceTag/owner":"%s"}}}]}""".formatted(name));
        String mine = unique("mine");
        String theirs = unique("theirs");
        root().createRole(r -> r.roleName(mine).assumeRolePolicyDocument(trust()).tags(tag("owner", name)));
        root().createRole(r -> r.roleName(theirs).assumeRolePolicyDocument(trust()).tags(tag("owner", "someone-else")));

        assertError(() -> user.updateRole(r -> r.roleName(theirs).description("mine now")), "AccessDenied", 403);
        user.updateRole(r -> r.roleName(mine).description("still mine"));
        assertThat(root().getRole(r -> r.roleName(mine)).role().description()).isEqualTo("still mine");
    }

    @Test
    void aDenyOnAResourceTagApplies() {
        String name = unique("guarded");
        IamClient user = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"iam:TagRole","Resource":"*"},
                 {"Effect":"Deny","Action":"iam:TagRole","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/protected":"true"}}}]}""");
        String open = unique("open");
        String locked = unique("locked");
        root().createRole(r -> r.roleName(open).assumeRolePolicyDocument(trust()));
        root().createRole(r -> r.roleName(locked).assumeRolePolicyDocument(trust()).tags(tag("protected", "true")));

        assertError(() -> user.tagRole(r -> r.roleName(locked).tags(tag("k", "v"))), "AccessDenied", 403);
        user.tagRole(r -> r.roleName(open).tags(tag("k", "v")));
    }

    @Test
    void theAuthorizeApiDecidesAnIamActionWithTheTargetsTagsAsTheIamApiDoes() {
        String name = unique("asker");
        userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:UpdateRole","Resource":"*",
                 "Condition":{"StringEquals":{"aws:ResourceTag/owner":"%s"}}}]}""".formatted(name));
        String mine = unique("mine");
        String theirs = unique("theirs");
        root().createRole(r -> r.roleName(mine).assumeRolePolicyDocument(trust()).tags(tag("owner", name)));
        root().createRole(r -> r.roleName(theirs).assumeRolePolicyDocument(trust()));
        String principal = "arn:aws:iam::" + ACCOUNT + ":user/" + name;

        assertThat(authorizeDecision(principal, "iam:UpdateRole", "arn:aws:iam::" + ACCOUNT + ":role/" + mine, Map.of()))
                .isEqualTo("Allow");
        assertThat(authorizeDecision(principal, "iam:UpdateRole", "arn:aws:iam::" + ACCOUNT + ":role/" + theirs, Map.of()))
                .isEqualTo("Deny");
        // A supplied tag of an IAM resource cannot stand in for the one IAM state holds: it is refused.
        given().header("X-Sts-Authorize-Token", "audit-service.test-authorize-token-000000000000000").contentType(ContentType.JSON)
                .body(Map.of("principalArn", principal, "action", "iam:UpdateRole", "resource",
                        "arn:aws:iam::" + ACCOUNT + ":role/" + theirs, "context", Map.of("aws:ResourceTag/owner", List.of(name))))
                .post("/v1/authorize").then().statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo("ValidationError"));
    }

    private static String authorizeDecision(String principalArn, String action, String resource,
                                            Map<String, List<String>> context) {
        return given().header("X-Sts-Authorize-Token", "audit-service.test-authorize-token-000000000000000").contentType(ContentType.JSON)
                .body(Map.of("principalArn", principalArn, "action", action, "resource", resource, "context", context))
                .post("/v1/authorize").then().statusCode(200).extract().path("decision");
    }

    // ---- iam:PermissionsBoundary and iam:PolicyARN

    @Test
    void creatingUsersCanBeRequiredToSetABoundary() {
        String name = unique("delegate");
        IamClient user = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*",
                 "Condition":{"StringEquals":{"iam:PermissionsBoundary":"%s"}}}]}""".formatted(S3_READ_ONLY));

        assertError(() -> user.createUser(r -> r.userName(unique("unbounded"))), "AccessDenied", 403);
        assertError(() -> user.createUser(r -> r.userName(unique("other")).permissionsBoundary(
                "arn:aws:iam::aws:policy/IAMFullAccess")), "AccessDenied", 403);
        String bounded = unique("bounded");
        user.createUser(r -> r.userName(bounded).permissionsBoundary(S3_READ_ONLY));
        assertThat(root().getUser(r -> r.userName(bounded)).user().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo(S3_READ_ONLY);
    }

    @Test
    void attachingCanBeLimitedToNamedPolicies() {
        String name = unique("attacher");
        IamClient user = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*",
                 "Condition":{"ArnEquals":{"iam:PolicyARN":"%s"}}}]}""".formatted(S3_READ_ONLY));
        String target = unique("target");
        root().createUser(r -> r.userName(target));

        assertError(() -> user.attachUserPolicy(r -> r.userName(target).policyArn("arn:aws:iam::aws:policy/IAMFullAccess")),
                "AccessDenied", 403);
        user.attachUserPolicy(r -> r.userName(target).policyArn(S3_READ_ONLY));
    }

    @Test
    void puttingAPermissionsBoundaryIsDecidedOnTheBoundaryGiven() {
        String name = unique("bounder");
        IamClient user = userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PutUserPermissionsBoundary","Resource":"*",
                 "Condition":{"StringEquals":{"iam:PermissionsBoundary":"%s"}}}]}""".formatted(S3_READ_ONLY));
        String target = unique("target");
        root().createUser(r -> r.userName(target));

        assertError(() -> user.putUserPermissionsBoundary(r -> r.userName(target)
                .permissionsBoundary("arn:aws:iam::aws:policy/IAMFullAccess")), "AccessDenied", 403);
        user.putUserPermissionsBoundary(r -> r.userName(target).permissionsBoundary(S3_READ_ONLY));
    }

    // ---- the simulator sees the same keys

    @Test
    void theSimulatorDecidesTagKeysAsTheLiveCallDoes() {
        String name = unique("simulated");
        userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:TagUser","Resource":"*",
                 "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["nickname"]}}}]}""");
        String userArn = "arn:aws:iam::" + ACCOUNT + ":user/" + name;

        assertThat(simulateTagUser(userArn, "access")).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(simulateTagUser(userArn, "nickname")).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    }

    @Test
    void theSimulatorReadsTheTargetsTagsAsTheLiveCallDoes() {
        String name = unique("reader");
        userWithPolicy(name, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:UpdateRole","Resource":"*",
                 "Condition":{"StringEquals":{"aws:ResourceTag/owner":"%s"}}}]}""".formatted(name));
        String mine = unique("mine");
        String theirs = unique("theirs");
        root().createRole(r -> r.roleName(mine).assumeRolePolicyDocument(trust()).tags(tag("owner", name)));
        root().createRole(r -> r.roleName(theirs).assumeRolePolicyDocument(trust()));

        List<EvaluationResult> results = root().simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/" + name).actionNames("iam:UpdateRole")
                .resourceArns("arn:aws:iam::" + ACCOUNT + ":role/" + mine, "arn:aws:iam::" + ACCOUNT + ":role/" + theirs))
                .evaluationResults();
        assertThat(results).extracting(EvaluationResult::evalDecision)
                .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    @Test
    void simulateCustomPolicyWithoutACallerEvaluatesThePoliciesAsIdentityPolicies() {
        List<EvaluationResult> allowAll = root().simulateCustomPolicy(r -> r.policyInputList("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")
                .actionNames("s3:GetObject", "iam:CreateUser")).evaluationResults();
        assertThat(allowAll).extracting(EvaluationResult::evalDecision).containsOnly(PolicyEvaluationDecisionType.ALLOWED);

        List<EvaluationResult> s3Only = root().simulateCustomPolicy(r -> r.policyInputList("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")
                .actionNames("s3:GetObject", "iam:CreateUser")).evaluationResults();
        assertThat(s3Only).extracting(EvaluationResult::evalDecision)
                .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    @Test
    void simulateCustomPolicyWithoutACallerCannotResolveTheCallersName() {
        List<EvaluationResult> results = root().simulateCustomPolicy(r -> r.policyInputList("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::home/${aws:username}/*"}]}""")
                .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::home/alice/notes")).evaluationResults();
        assertThat(results).extracting(EvaluationResult::evalDecision).containsExactly(PolicyEvaluationDecisionType.IMPLICIT_DENY);

        List<EvaluationResult> named = root().simulateCustomPolicy(r -> r.policyInputList("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::home/${aws:username}/*"}]}""")
                .callerArn("arn:aws:iam::" + ACCOUNT + ":user/engineering/alice")
                .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::home/alice/notes")).evaluationResults();
        assertThat(named).extracting(EvaluationResult::evalDecision).containsExactly(PolicyEvaluationDecisionType.ALLOWED);
    }

    @Test
    void simulatorInputsBeyondAwsLimitsAreRefused() {
        String allow = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        assertError(() -> root().simulateCustomPolicy(r -> r.policyInputList(allow).actionNames("s3")), "ValidationError", 400);
        assertError(() -> root().simulateCustomPolicy(r -> r.policyInputList(allow).actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::" + "x".repeat(2048))), "ValidationError", 400);
        assertError(() -> root().simulateCustomPolicy(r -> r.policyInputList(allow).actionNames("s3:GetObject")
                .contextEntries(ContextEntry.builder().contextKeyName("a:b").contextKeyValues("v")
                        .contextKeyType(ContextKeyTypeEnum.STRING).build())), "ValidationError", 400);
        assertThat(root().simulateCustomPolicy(r -> r.policyInputList(allow).actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::" + "x".repeat(2030))).evaluationResults()).hasSize(1);
    }

    @Test
    void theSimulatorCannotReadAnotherAccountsUsers() {
        String allow = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        assertError(() -> root().simulateCustomPolicy(r -> r.policyInputList(allow).actionNames("s3:GetObject")
                .callerArn("arn:aws:iam::" + OTHER_ACCOUNT + ":user/anyone")), "InvalidInput", 400);
        assertError(() -> root().simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::" + OTHER_ACCOUNT
                + ":user/anyone").actionNames("s3:GetObject")), "InvalidInput", 400);
    }

    // ---- customer managed policies stay in their own account

    @Test
    void anotherAccountsPolicyCannotBeAttachedOrUsedAsABoundary() {
        String policyName = unique("Theirs");
        String theirArn = other().createPolicy(r -> r.policyName(policyName).policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")).policy().arn();
        String user = unique("borrower");
        root().createUser(r -> r.userName(user));
        String role = unique("borrower");
        root().createRole(r -> r.roleName(role).assumeRolePolicyDocument(trust()));
        String message = "Policy " + theirArn + " does not exist or is not attachable.";

        assertErrorMessage(() -> root().attachUserPolicy(r -> r.userName(user).policyArn(theirArn)), "NoSuchEntity", message);
        assertErrorMessage(() -> root().attachRolePolicy(r -> r.roleName(role).policyArn(theirArn)), "NoSuchEntity", message);
        assertErrorMessage(() -> root().putUserPermissionsBoundary(r -> r.userName(user).permissionsBoundary(theirArn)),
                "NoSuchEntity", message);
        assertErrorMessage(() -> root().putRolePermissionsBoundary(r -> r.roleName(role).permissionsBoundary(theirArn)),
                "NoSuchEntity", message);
        assertErrorMessage(() -> root().createUser(r -> r.userName(unique("b")).permissionsBoundary(theirArn)),
                "NoSuchEntity", message);
        assertErrorMessage(() -> root().createRole(r -> r.roleName(unique("b")).assumeRolePolicyDocument(trust())
                .permissionsBoundary(theirArn)), "NoSuchEntity", message);

        // Positive controls: the same calls with the account's own policy and with an AWS managed one.
        String ownArn = root().createPolicy(r -> r.policyName(unique("Own")).policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""")).policy().arn();
        root().attachUserPolicy(r -> r.userName(user).policyArn(ownArn));
        root().attachRolePolicy(r -> r.roleName(role).policyArn(S3_READ_ONLY));
        root().putUserPermissionsBoundary(r -> r.userName(user).permissionsBoundary(ownArn));
        root().putRolePermissionsBoundary(r -> r.roleName(role).permissionsBoundary(S3_READ_ONLY));

        // The other account can delete its policy: no attachment of ours blocks it.
        other().deletePolicy(r -> r.policyArn(theirArn));
        assertError(() -> other().getPolicy(r -> r.policyArn(theirArn)), "NoSuchEntity", 404);
    }

    @Test
    void anAttachmentRecordedInAnotherAccountNeverBlocksDeletePolicy() {
        String document = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
        String theirs = other().createPolicy(r -> r.policyName(unique("Theirs")).policyDocument(document)).policy().arn();
        String kept = other().createPolicy(r -> r.policyName(unique("Kept")).policyDocument(document)).policy().arn();
        // As the attachment index held it before attaching across accounts was refused.
        iam.recordAttachment(theirs, "user/" + ACCOUNT + "/borrower");
        iam.recordAttachment(kept, "user/" + OTHER_ACCOUNT + "/owner");

        other().deletePolicy(r -> r.policyArn(theirs));
        assertError(() -> other().getPolicy(r -> r.policyArn(theirs)), "NoSuchEntity", 404);
        // Positive control: an attachment in the policy's own account still blocks.
        assertError(() -> other().deletePolicy(r -> r.policyArn(kept)), "DeleteConflict", 409);
    }

    // ---- throttling

    @Test
    void iamCallsBeyondTheAccountsRateAreThrottled() {
        String awsManaged = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        IamException throttled = null;
        for (int i = 0; i < 50 && throttled == null; i++) {
            try {
                other().listPolicyVersions(r -> r.policyArn(awsManaged));
            } catch (IamException e) {
                throttled = e;
            }
        }
        assertThat(throttled).isNotNull();
        assertThat(throttled.awsErrorDetails().errorCode()).isEqualTo("Throttling");
        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(throttled.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        // Per account and action: another action of that account, and the same action of another account, still pass.
        assertThat(other().getPolicy(r -> r.policyArn(awsManaged)).policy().arn()).isEqualTo(awsManaged);
        assertThat(root().listPolicyVersions(r -> r.policyArn(awsManaged)).versions()).isNotEmpty();
    }

    // ---- helpers

    private PolicyEvaluationDecisionType simulateTagUser(String userArn, String tagKey) {
        return root().simulatePrincipalPolicy(r -> r.policySourceArn(userArn).actionNames("iam:TagUser")
                .resourceArns(userArn).contextEntries(
                        ContextEntry.builder().contextKeyName("aws:TagKeys").contextKeyValues(tagKey)
                                .contextKeyType(ContextKeyTypeEnum.STRING_LIST).build()))
                .evaluationResults().get(0).evalDecision();
    }

    /** A new user of the test account with one inline policy, and a client signed with its own key. */
    private IamClient userWithPolicy(String name, String policy) {
        root().createUser(r -> r.userName(name));
        root().putUserPolicy(r -> r.userName(name).policyName("Only").policyDocument(policy));
        AccessKey key = root().createAccessKey(r -> r.userName(name)).accessKey();
        return client(key.accessKeyId(), key.secretAccessKey());
    }

    private static String trust() {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::333333333333:root"},
                 "Action":"sts:AssumeRole"}]}""";
    }

    private IamClient root() {
        return client("AKIATESTROOT00000003", "testRootSecret/000000000000000000000003");
    }

    private IamClient other() {
        return client("AKIATESTROOT00000004", "testRootSecret/000000000000000000000004");
    }

    private IamClient client(String accessKeyId, String secretAccessKey) {
        return IamTestClients.of(endpoint, accessKeyId, secretAccessKey);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertError(Runnable call, String code, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }

    private static void assertErrorMessage(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}

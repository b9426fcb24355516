package dev.sts.policy;

import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Roles and managed policies through the AWS SDK for Java v2's IamClient, against real Redis and Kafka. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "policy-service"))
class IamRoleApiTest {
    private static final String ACCOUNT = "333333333333";
    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"AWS":"arn:aws:iam::333333333333:user/engineering/alice"},"Action":"sts:AssumeRole"}]}""";
    private static final String S3_READ = """
            {"Version":"2012-10-17","Statement":[{"Sid":"ReadBucket","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],
             "Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}]}""";

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void createGetAndListARoleWithItsTrustPolicy() {
        String name = unique("Reader");
        Role created = root().createRole(r -> r.roleName(name).path("/apps/").assumeRolePolicyDocument(TRUST)
                .description("reads reports").tags(Tag.builder().key("team").value("data").build())).role();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/apps/" + name);
        assertThat(created.roleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(created.maxSessionDuration()).isEqualTo(3600);

        Role fetched = root().getRole(r -> r.roleName(name)).role();
        assertThat(URLDecoder.decode(fetched.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TRUST);
        assertThat(fetched.description()).isEqualTo("reads reports");
        assertThat(fetched.tags()).extracting(Tag::key).containsExactly("team");
        assertThat(root().listRoles(r -> r.pathPrefix("/apps/")).roles()).extracting(Role::roleName).contains(name);
    }

    @Test
    void roleNamesAreUniqueRegardlessOfCase() {
        String name = unique("Dup");
        root().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));
        assertError(() -> root().createRole(r -> r.roleName(name.toLowerCase()).assumeRolePolicyDocument(TRUST)),
                "EntityAlreadyExists", 409);
    }

    @Test
    void invalidRolesAreRefusedWithIamErrors() {
        assertError(() -> root().createRole(r -> r.roleName("bad name").assumeRolePolicyDocument(TRUST)), "ValidationError", 400);
        assertError(() -> root().createRole(r -> r.roleName(unique("Bad")).assumeRolePolicyDocument("{not json")),
                "MalformedPolicyDocument", 400);
        String huge = TRUST.replace("\"Allow\"", "\"Allow\",\"Sid\":\"" + "x".repeat(2100) + "\"");
        assertError(() -> root().createRole(r -> r.roleName(unique("Big")).assumeRolePolicyDocument(huge)), "LimitExceeded", 409);
        assertError(() -> root().getRole(r -> r.roleName(unique("Missing"))), "NoSuchEntity", 404);
    }

    @Test
    void aRoleDescriptionOutsideAwsCharacterSetIsRefusedAndListRolesStaysReadable() {
        String latin1 = "Équipe données: coût ½, naïve ÿ";
        String name = unique("Described");
        root().createRole(r -> r.roleName(name).path("/described/").assumeRolePolicyDocument(TRUST).description(latin1));

        assertThatThrownBy(() -> root().createRole(r -> r.roleName(unique("Bad")).path("/described/")
                .assumeRolePolicyDocument(TRUST).description("breaks xml \uFFFF")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("at 'description' failed to satisfy constraint: "
                            + "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
                });
        assertError(() -> root().updateRole(r -> r.roleName(name).description("control \u0001")), "ValidationError", 400);
        assertError(() -> root().updateRole(r -> r.roleName(name).description("no-break\u00A0space")), "ValidationError", 400);

        assertThat(root().listRoles(r -> r.pathPrefix("/described/")).roles())
                .extracting(Role::roleName, Role::description).containsExactly(org.assertj.core.groups.Tuple.tuple(name, latin1));
    }

    @Test
    void tagKeysAndValuesOutsideAwsCharacterSetAreRefusedBesideAcceptedOnes() {
        String name = unique("Tags");
        root().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)
                .tags(Tag.builder().key("équipe:名前").value("données / 1+1=2 @x").build()));
        assertError(() -> root().tagRole(r -> r.roleName(name).tags(Tag.builder().key("team").value("a<b").build())),
                "ValidationError", 400);
        assertError(() -> root().tagRole(r -> r.roleName(name).tags(Tag.builder().key("team\uFFFF").value("x").build())),
                "ValidationError", 400);
        assertThat(root().listRoleTags(r -> r.roleName(name)).tags()).extracting(Tag::key).containsExactly("équipe:名前");
    }

    @Test
    void aTrustPolicyWithNotPrincipalIsRefusedWhileTheSameTrustWithPrincipalIsAccepted() {
        String notPrincipal = TRUST.replace("\"Principal\"", "\"NotPrincipal\"");
        String name = unique("Trusting");
        root().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));

        assertThatThrownBy(() -> root().createRole(r -> r.roleName(unique("Open")).assumeRolePolicyDocument(notPrincipal)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Has prohibited field NotPrincipal");
                });
        assertError(() -> root().updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(notPrincipal)), "MalformedPolicyDocument", 400);
        root().updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(TRUST));
    }

    @Test
    void maxSessionDurationIsCheckedAtBothEdges() {
        String name = unique("Long");
        root().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST).maxSessionDuration(43_200));
        root().updateRole(r -> r.roleName(name).maxSessionDuration(3_600));
        assertThat(root().getRole(r -> r.roleName(name)).role().maxSessionDuration()).isEqualTo(3_600);
        root().updateRole(r -> r.roleName(name).maxSessionDuration(14_400));
        assertThat(root().getRole(r -> r.roleName(name)).role().maxSessionDuration()).isEqualTo(14_400);
        assertError(() -> root().updateRole(r -> r.roleName(name).maxSessionDuration(3_599)), "ValidationError", 400);
        assertError(() -> root().updateRole(r -> r.roleName(name).maxSessionDuration(43_201)), "ValidationError", 400);
    }

    @Test
    void inlinePoliciesRoundTripAndTheirAggregateIsLimited() {
        String name = unique("Inline");
        root().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));
        root().putRolePolicy(r -> r.roleName(name).policyName("S3Read").policyDocument(S3_READ));
        assertThat(URLDecoder.decode(root().getRolePolicy(r -> r.roleName(name).policyName("S3Read")).policyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(S3_READ);
        assertThat(root().listRolePolicies(r -> r.roleName(name)).policyNames()).containsExactly("S3Read");

        String big = S3_READ.replace("\"ReadBucket\"", "\"" + "B".repeat(6000) + "\"");
        root().putRolePolicy(r -> r.roleName(name).policyName("Big1").policyDocument(big));
        assertError(() -> root().putRolePolicy(r -> r.roleName(name).policyName("Big2").policyDocument(big)), "LimitExceeded", 409);
        assertError(() -> root().deleteRole(r -> r.roleName(name)), "DeleteConflict", 409);
        root().deleteRolePolicy(r -> r.roleName(name).policyName("S3Read"));
        root().deleteRolePolicy(r -> r.roleName(name).policyName("Big1"));
        root().deleteRole(r -> r.roleName(name));
        assertError(() -> root().getRole(r -> r.roleName(name)), "NoSuchEntity", 404);
    }

    @Test
    void managedPoliciesAttachDetachAndBlockDeletion() {
        String name = unique("Attach");
        String s3ReadOnly = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        root().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));
        root().attachRolePolicy(r -> r.roleName(name).policyArn(s3ReadOnly));
        root().attachRolePolicy(r -> r.roleName(name).policyArn(s3ReadOnly));
        assertThat(root().listAttachedRolePolicies(r -> r.roleName(name)).attachedPolicies())
                .extracting(p -> p.policyArn()).containsExactly(s3ReadOnly);
        assertError(() -> root().attachRolePolicy(r -> r.roleName(name).policyArn("arn:aws:iam::aws:policy/Nope")),
                "NoSuchEntity", 404);
        assertError(() -> root().listAttachedRolePolicies(r -> r.roleName(name).pathPrefix("no-slash")),
                "ValidationError", 400);
        assertError(() -> root().deleteRole(r -> r.roleName(name)), "DeleteConflict", 409);
        root().detachRolePolicy(r -> r.roleName(name).policyArn(s3ReadOnly));
        root().deleteRole(r -> r.roleName(name));
    }

    @Test
    void tagsMergeCaseInsensitivelyAndUntaggingNeedsKeys() {
        String name = unique("Tagged");
        root().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)
                .tags(Tag.builder().key("Team").value("data").build()));
        root().tagRole(r -> r.roleName(name).tags(Tag.builder().key("team").value("ops").build(),
                Tag.builder().key("env").value("prod").build()));
        assertThat(root().listRoleTags(r -> r.roleName(name)).tags()).extracting(Tag::key, Tag::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("team", "ops"),
                        org.assertj.core.groups.Tuple.tuple("env", "prod"));
        // TagKeys is a required member: an UntagRole without it is refused, as UntagUser's always was.
        assertError(() -> root().untagRole(r -> r.roleName(name)), "ValidationError", 400);
        assertError(() -> root().untagRole(r -> r.roleName(name).tagKeys("TEAM", "bad<key")), "ValidationError", 400);
        assertThat(root().listRoleTags(r -> r.roleName(name)).tags()).as("nothing removed by a refused call").hasSize(2);
        root().untagRole(r -> r.roleName(name).tagKeys("TEAM"));
        assertThat(root().listRoleTags(r -> r.roleName(name)).tags()).extracting(Tag::key).containsExactly("env");
    }

    @Test
    void customerManagedPolicyVersionsAreLimitedToFive() {
        String name = unique("Versions");
        Policy policy = root().createPolicy(r -> r.policyName(name).policyDocument(S3_READ)).policy();
        assertThat(policy.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/" + name);
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        for (int i = 2; i <= 5; i++) {
            root().createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(S3_READ).setAsDefault(true));
        }
        assertError(() -> root().createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(S3_READ)), "LimitExceeded", 409);
        assertThat(root().getPolicy(r -> r.policyArn(policy.arn())).policy().defaultVersionId()).isEqualTo("v5");
        assertError(() -> root().deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId("v5")), "DeleteConflict", 409);
        root().setDefaultPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v2"));
        assertThat(URLDecoder.decode(root().getPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v2"))
                .policyVersion().document(), StandardCharsets.UTF_8)).isEqualTo(S3_READ);
        assertError(() -> root().deletePolicy(r -> r.policyArn(policy.arn())), "DeleteConflict", 409);
        for (String version : new String[]{"v1", "v3", "v4", "v5"}) {
            root().deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId(version));
        }
        root().deletePolicy(r -> r.policyArn(policy.arn()));
        assertError(() -> root().getPolicy(r -> r.policyArn(policy.arn())), "NoSuchEntity", 404);
    }

    @Test
    void awsManagedPoliciesAreListedAndCannotBeChanged() {
        assertThat(root().listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies()).extracting(Policy::policyName)
                .contains("AdministratorAccess", "ReadOnlyAccess", "IAMFullAccess", "AmazonS3ReadOnlyAccess", "AmazonS3FullAccess");
        assertError(() -> root().createPolicyVersion(r -> r.policyArn("arn:aws:iam::aws:policy/AdministratorAccess")
                .policyDocument(S3_READ)), "AccessDenied", 403);
    }

    @Test
    void callsAreAuthorizedByTheCallersPolicies() {
        IamClient bob = client(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIATESTBOB000000003", "testBobSecret/0000000000000000000000003")));
        assertError(() -> bob.listRoles(), "AccessDenied", 403);

        IamClient carol = client(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIATESTCAROL0000003", "testCarolSecret/00000000000000000000003")));
        String name = unique("ByCarol");
        carol.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));
        assertThat(carol.getRole(r -> r.roleName(name)).role().roleName()).isEqualTo(name);
        assertError(() -> carol.deleteRole(r -> r.roleName(name)), "AccessDenied", 403);
    }

    @Test
    void unsignedCallsAreRefusedAndEveryCallIsAudited() {
        assertError(() -> client(AnonymousCredentialsProvider.create()).listRoles(), "MissingAuthenticationToken", 403);
        String name = unique("Audited");
        String requestId = root().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)).responseMetadata().requestId();
        String event = KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1",
                record -> record.value().contains(requestId), Duration.ofSeconds(20)).value();
        assertThat(event).contains("\"eventSource\":\"iam.amazonaws.com\"", "\"eventName\":\"CreateRole\"",
                "\"readOnly\":false", "\"recipientAccountId\":\"" + ACCOUNT + "\"");
    }

    private IamClient root() {
        return client(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIATESTROOT00000003", "testRootSecret/000000000000000000000003")));
    }

    private IamClient client(AwsCredentialsProvider credentials) {
        return IamTestClients.of(endpoint, credentials);
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
}

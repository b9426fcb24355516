package dev.sts.core.authz;

import dev.sts.core.authz.IamActionContext.RequestValues;
import dev.sts.core.authz.IamActionContext.Target;
import dev.sts.core.federation.OidcProvider;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.Tag;
import dev.sts.core.store.InMemoryKeyValueStore;
import dev.sts.core.protocol.QueryParameters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys of each IAM action, as the IAM service authorization reference lists them. */
class IamActionContextTest {
    private static final String BOUNDARY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private static final String OLD_BOUNDARY = "arn:aws:iam::111111111111:policy/Old";
    private static final Target TARGET = new Target(List.of(new Tag("owner", "alice")), Optional.of(OLD_BOUNDARY));

    @Test
    void taggingCarriesEachRequestTagAndTheTagKeysBesideTheTargetsTags() {
        Map<String, List<String>> keys = IamActionContext.keys("TagUser", RequestValues.of(QueryParameters.parse(
                "Tags.member.1.Key=access&Tags.member.1.Value=admin&Tags.member.2.Key=nickname&Tags.member.2.Value=ace")),
                Optional.of(TARGET));
        assertThat(keys).containsEntry("aws:RequestTag/access", List.of("admin"))
                .containsEntry("aws:RequestTag/nickname", List.of("ace"))
                .containsEntry("aws:TagKeys", List.of("access", "nickname"))
                .containsEntry("aws:ResourceTag/owner", List.of("alice"))
                .doesNotContainKeys("iam:PermissionsBoundary", "iam:PolicyARN");
    }

    @Test
    void untaggingCarriesTheKeysItRemoves() {
        Map<String, List<String>> keys = IamActionContext.keys("UntagRole",
                RequestValues.of(QueryParameters.parse("TagKeys.member.1=guard&TagKeys.member.2=team")), Optional.of(TARGET));
        assertThat(keys).containsEntry("aws:TagKeys", List.of("guard", "team")).containsEntry("aws:ResourceTag/owner", List.of("alice"))
                .doesNotContainKey("aws:RequestTag/guard");
    }

    @Test
    void creatingCarriesRequestTagsAndTheGivenBoundaryButNoResourceTags() {
        Map<String, List<String>> keys = IamActionContext.keys("CreateRole", RequestValues.of(QueryParameters.parse(
                "Tags.member.1.Key=team&Tags.member.1.Value=data&PermissionsBoundary=" + BOUNDARY)), Optional.of(TARGET));
        assertThat(keys).containsEntry("aws:RequestTag/team", List.of("data")).containsEntry("aws:TagKeys", List.of("team"))
                .containsEntry("iam:PermissionsBoundary", List.of(BOUNDARY)).doesNotContainKey("aws:ResourceTag/owner");
    }

    @Test
    void creatingSomethingForAnExistingUserCarriesTheUsersTags() {
        assertThat(IamActionContext.keys("CreateAccessKey", RequestValues.NONE, Optional.of(TARGET)))
                .containsOnlyKeys("aws:ResourceTag/owner");
    }

    @Test
    void tagsSentToAnActionThatTakesNoneAreNotRequestTags() {
        RequestValues junk = RequestValues.of(QueryParameters.parse("Tags.member.1.Key=team&Tags.member.1.Value=data"));
        assertThat(IamActionContext.keys("CreateAccessKey", junk, Optional.of(TARGET)))
                .containsOnlyKeys("aws:ResourceTag/owner");
        assertThat(IamActionContext.keys("CreatePolicyVersion", junk, Optional.empty())).isEmpty();
        // Positive control: the same parameters on an action that takes tags.
        assertThat(IamActionContext.keys("CreateUser", junk, Optional.empty())).containsKeys("aws:RequestTag/team", "aws:TagKeys");
    }

    @Test
    void actionNamesAreMatchedWhateverTheirCase() {
        RequestValues put = RequestValues.of(QueryParameters.parse("PermissionsBoundary=" + BOUNDARY));
        assertThat(IamActionContext.keys("putrolepolicy", RequestValues.NONE, Optional.of(TARGET)))
                .isEqualTo(IamActionContext.keys("PutRolePolicy", RequestValues.NONE, Optional.of(TARGET)))
                .containsEntry("iam:PermissionsBoundary", List.of(OLD_BOUNDARY));
        assertThat(IamActionContext.keys("CREATEROLE", put, Optional.of(TARGET)))
                .isEqualTo(IamActionContext.keys("CreateRole", put, Optional.of(TARGET)))
                .doesNotContainKey("aws:ResourceTag/owner");
    }

    @Test
    void withoutTagsNoTagKeysAreSet() {
        assertThat(IamActionContext.keys("CreateUser", RequestValues.NONE, Optional.empty())).isEmpty();
        assertThat(IamActionContext.keys("TagUser", RequestValues.NONE, Optional.empty())).isEmpty();
    }

    @Test
    void attachingCarriesThePolicyArnAndTheTargetsCurrentBoundary() {
        Map<String, List<String>> keys = IamActionContext.keys("AttachRolePolicy",
                RequestValues.of(QueryParameters.parse("PolicyArn=" + BOUNDARY)), Optional.of(TARGET));
        assertThat(keys).containsEntry("iam:PolicyARN", List.of(BOUNDARY))
                .containsEntry("iam:PermissionsBoundary", List.of(OLD_BOUNDARY));
        assertThat(IamActionContext.keys("DetachUserPolicy", RequestValues.of(QueryParameters.parse("PolicyArn=" + BOUNDARY)),
                Optional.empty())).containsOnlyKeys("iam:PolicyARN");
    }

    @Test
    void puttingABoundaryCarriesTheNewOneAndDeletingItTheCurrentOne() {
        RequestValues put = RequestValues.of(QueryParameters.parse("PermissionsBoundary=" + BOUNDARY));
        assertThat(IamActionContext.keys("PutUserPermissionsBoundary", put, Optional.of(TARGET)))
                .containsEntry("iam:PermissionsBoundary", List.of(BOUNDARY)).doesNotContainKey("iam:PolicyARN");
        assertThat(IamActionContext.keys("DeleteRolePermissionsBoundary", RequestValues.NONE, Optional.of(TARGET)))
                .containsEntry("iam:PermissionsBoundary", List.of(OLD_BOUNDARY));
        assertThat(IamActionContext.keys("PutRolePolicy", RequestValues.NONE, Optional.of(TARGET)))
                .containsEntry("iam:PermissionsBoundary", List.of(OLD_BOUNDARY));
        // A read carries the target's tags only.
        assertThat(IamActionContext.keys("GetRole", put, Optional.of(TARGET))).containsOnlyKeys("aws:ResourceTag/owner");
    }

    @Test
    void derivedKeysAreTheCallersGlobalKeysAndStsAndIamKeysButTheRequestsOwn() {
        assertThat(List.of("aws:TokenIssueTime", "AWS:MultiFactorAuthPresent", "aws:multifactorauthage", "aws:PrincipalTag/x",
                "aws:SourceIp", "aws:userid", "aws:username", "aws:CurrentTime", "aws:EpochTime", "aws:SourceIdentity",
                "aws:PrincipalAccount", "aws:PrincipalType", "aws:PrincipalArn", "sts:ExternalId", "iam:ResourceTag/x",
                "iam:AWSServiceName")).allMatch(DerivedConditionKeys::isDerived);
        // What only the service that received the request knows.
        assertThat(List.of("s3:prefix", "aws:RequestTag/team", "aws:ResourceTag/team", "aws:TagKeys", "execute-api:x",
                "aws:SecureTransport", "aws:RequestedRegion", "iam:PolicyARN", "IAM:PermissionsBoundary",
                "iam:PassedToService", "iam:AssociatedResourceArn")).noneMatch(DerivedConditionKeys::isDerived);
        assertThat(DerivedConditionKeys.isDerivedFor("iam:UpdateRole", "aws:ResourceTag/owner")).isTrue();
        assertThat(DerivedConditionKeys.isDerivedFor("s3:GetObject", "aws:ResourceTag/owner")).isFalse();
        assertThat(DerivedConditionKeys.describesCaller("iam:PolicyARN")).isFalse();
        assertThat(DerivedConditionKeys.describesCaller("aws:principaltag/team")).isTrue();
    }

    @Test
    void anOidcProviderActedOnCarriesItsTagsReadFromIamStateAndTaggingItCarriesTheRequestTags() {
        IamRepository iam = new IamRepository(new InMemoryKeyValueStore());
        OidcProvider provider = new OidcProvider("111111111111", "issuer.example.com/realms/a", "https://issuer.example.com/realms/a",
                List.of("app"), List.of(), List.of(new Tag("env", "prod")), Instant.parse("2026-12-08T00:00:00Z"), null);
        iam.createOidcProvider(provider);
        IamActionContext context = new IamActionContext(iam);

        assertThat(context.ofCall("TagOpenIDConnectProvider", provider.arn(), "111111111111",
                QueryParameters.parse("Tags.member.1.Key=team&Tags.member.1.Value=data")))
                .containsEntry("aws:ResourceTag/env", List.of("prod"))
                .containsEntry("aws:RequestTag/team", List.of("data")).containsEntry("aws:TagKeys", List.of("team"));
        assertThat(context.ofCall("UntagOpenIDConnectProvider", provider.arn(), "111111111111",
                QueryParameters.parse("TagKeys.member.1=env"))).containsEntry("aws:TagKeys", List.of("env"));
        assertThat(context.ofSimulation("DeleteOpenIDConnectProvider", provider.arn(), "111111111111"))
                .containsOnlyKeys("aws:ResourceTag/env");
        // Another account never reads the provider's tags, nor does an ARN with a wildcard.
        assertThat(context.ofCall("GetOpenIDConnectProvider", provider.arn(), "222222222222", QueryParameters.empty())).isEmpty();
        assertThat(context.ofCall("GetOpenIDConnectProvider", provider.arn() + "*", "111111111111", QueryParameters.empty())).isEmpty();
        // Creating one carries the request's tags, never a resource's.
        assertThat(context.ofCall("CreateOpenIDConnectProvider", provider.arn(), "111111111111",
                QueryParameters.parse("Url=https://issuer.example.com/realms/a&Tags.member.1.Key=team&Tags.member.1.Value=data")))
                .containsOnlyKeys("aws:RequestTag/team", "aws:TagKeys");
    }
}

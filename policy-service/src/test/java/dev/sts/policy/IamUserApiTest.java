package dev.sts.policy;

import dev.sts.core.mfa.Totp;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.KafkaTopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users, their access keys and virtual MFA devices through the AWS SDK for Java v2's IamClient, against real Redis and Kafka. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "policy-service"))
class IamUserApiTest {
    private static final String ACCOUNT = "333333333333";
    private static final String ROOT_KEY = "AKIATESTROOT00000003";
    private static final String ROOT_SECRET = "testRootSecret/000000000000000000000003";
    private static final String S3_READ = """
            {"Version":"2012-10-17","Statement":[{"Sid":"ReadBucket","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],
             "Resource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}]}""";
    /** Enough for a user to look after itself: who am I, and my own keys. */
    private static final String SELF_SERVICE = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Action":["iam:GetUser","iam:ListAccessKeys","iam:CreateAccessKey"],"Resource":"*"}]}""";
    private static final String S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

    private final Totp totp = new Totp();

    @TestHTTPResource("/")
    URI endpoint;


    // ---- users

    @Test
    void createGetListAndDeleteAUser() {
        String name = unique("Dev");
        String path = "/" + unique("team") + "/";
        User created = root().createUser(r -> r.userName(name).path(path).permissionsBoundary(S3_READ_ONLY)
                .tags(Tag.builder().key("team").value("data").build())).user();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user" + path + name);
        assertThat(created.userId()).matches("AIDA[A-Z2-7]{17}");
        assertThat(created.path()).isEqualTo(path);
        assertThat(created.createDate()).isNotNull();

        User fetched = root().getUser(r -> r.userName(name.toUpperCase())).user();
        assertThat(fetched.userName()).isEqualTo(name);
        assertThat(fetched.userId()).isEqualTo(created.userId());
        assertThat(fetched.tags()).extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("team", "data"));
        assertThat(fetched.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(S3_READ_ONLY);

        List<User> listed = root().listUsers(r -> r.pathPrefix(path)).users();
        assertThat(listed).extracting(User::userName).containsExactly(name);
        assertThat(listed.get(0).tags()).isEmpty(); // listings leave tags to GetUser, as IAM's do
        assertThat(root().listUsers().users()).extracting(User::userName).contains(name, "alice");

        root().deleteUser(r -> r.userName(name));
        assertError(() -> root().getUser(r -> r.userName(name)), "NoSuchEntity", 404);
        assertError(() -> root().deleteUser(r -> r.userName(name)), "NoSuchEntity", 404);
    }

    @Test
    void listUsersPagesWithMaxItemsAndMarker() {
        String path = "/" + unique("paged") + "/";
        List<String> names = IntStream.range(0, 3).mapToObj(i -> "p" + i + unique("")).sorted().toList();
        names.forEach(name -> root().createUser(r -> r.userName(name).path(path)));

        ListUsersResponse first = root().listUsers(r -> r.pathPrefix(path).maxItems(2));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.users()).hasSize(2);
        ListUsersResponse second = root().listUsers(r -> r.pathPrefix(path).maxItems(2).marker(first.marker()));
        assertThat(second.isTruncated()).isFalse();
        List<String> all = new ArrayList<>(first.users().stream().map(User::userName).toList());
        second.users().forEach(user -> all.add(user.userName()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void userNamesAreUniqueRegardlessOfCase() {
        String name = unique("Dup");
        root().createUser(r -> r.userName(name));
        assertError(() -> root().createUser(r -> r.userName(name.toLowerCase())), "EntityAlreadyExists", 409);
    }

    @Test
    void invalidUsersAreRefusedWithIamErrors() {
        assertError(() -> root().createUser(r -> r.userName("bad name")), "ValidationError", 400);
        assertError(() -> root().createUser(r -> r.userName("x".repeat(65))), "ValidationError", 400);
        assertError(() -> root().createUser(r -> r.userName(unique("Path")).path("no-slashes")), "ValidationError", 400);
        assertError(() -> root().createUser(r -> r.userName(unique("Boundary"))
                .permissionsBoundary("arn:aws:iam::aws:policy/NoSuchPolicy")), "NoSuchEntity", 404);
        assertError(() -> root().getUser(r -> r.userName(unique("Missing"))), "NoSuchEntity", 404);
    }

    @Test
    void getUserWithoutANameAnswersTheRootItself() {
        User me = root().getUser().user();
        assertThat(me.userId()).isEqualTo(ACCOUNT);
        assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        assertThat(me.createDate()).isNotNull();
    }

    @Test
    void tagsAreAddedReplacedListedRemovedAndLimited() {
        String name = unique("Tagged");
        root().createUser(r -> r.userName(name).tags(tag("team", "data")));
        root().tagUser(r -> r.userName(name).tags(tag("TEAM", "platform"), tag("cost", "42")));
        assertThat(root().listUserTags(r -> r.userName(name)).tags()).extracting(Tag::key, Tag::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("TEAM", "platform"),
                        org.assertj.core.groups.Tuple.tuple("cost", "42"));
        root().untagUser(r -> r.userName(name).tagKeys("team"));
        assertThat(root().listUserTags(r -> r.userName(name)).tags()).extracting(Tag::key).containsExactly("cost");

        List<Tag> tooMany = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
        assertError(() -> root().tagUser(r -> r.userName(name).tags(tooMany)), "LimitExceeded", 409);
        assertError(() -> root().tagUser(r -> r.userName(name).tags(tag("aws:reserved", "x"))), "InvalidInput", 400);
        assertError(() -> root().tagUser(r -> r.userName(unique("Missing")).tags(tag("a", "b"))), "NoSuchEntity", 404);
    }

    @Test
    void inlinePoliciesRoundTripAndTheirAggregateIsLimited() {
        String name = unique("Inline");
        root().createUser(r -> r.userName(name));
        root().putUserPolicy(r -> r.userName(name).policyName("S3Read").policyDocument(S3_READ));
        assertThat(URLDecoder.decode(root().getUserPolicy(r -> r.userName(name).policyName("S3Read")).policyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(S3_READ);
        assertThat(root().listUserPolicies(r -> r.userName(name)).policyNames()).containsExactly("S3Read");

        assertError(() -> root().putUserPolicy(r -> r.userName(name).policyName("Broken").policyDocument("{not json")),
                "MalformedPolicyDocument", 400);
        // A user's inline policies share 2,048 characters: this one fits alone but not beside S3Read.
        String big = S3_READ.replace("\"ReadBucket\"", "\"" + "B".repeat(1_850) + "\"");
        assertError(() -> root().putUserPolicy(r -> r.userName(name).policyName("Big").policyDocument(big)), "LimitExceeded", 409);
        assertError(() -> root().getUserPolicy(r -> r.userName(name).policyName("Nope")), "NoSuchEntity", 404);
        assertError(() -> root().deleteUserPolicy(r -> r.userName(name).policyName("Nope")), "NoSuchEntity", 404);

        assertDeleteConflict(name, "Cannot delete entity, must delete policies first.");
        root().deleteUserPolicy(r -> r.userName(name).policyName("S3Read"));
        root().putUserPolicy(r -> r.userName(name).policyName("Big").policyDocument(big));
        root().deleteUserPolicy(r -> r.userName(name).policyName("Big"));
        assertThat(root().listUserPolicies(r -> r.userName(name)).policyNames()).isEmpty();
        root().deleteUser(r -> r.userName(name));
    }

    @Test
    void managedPoliciesAttachDetachAndAreLimitedToTen() {
        String name = unique("Attach");
        root().createUser(r -> r.userName(name));
        root().attachUserPolicy(r -> r.userName(name).policyArn(S3_READ_ONLY));
        root().attachUserPolicy(r -> r.userName(name).policyArn(S3_READ_ONLY));
        assertThat(root().listAttachedUserPolicies(r -> r.userName(name)).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(S3_READ_ONLY);
        assertError(() -> root().attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/Nope")),
                "NoSuchEntity", 404);
        assertError(() -> root().attachUserPolicy(r -> r.userName(unique("Missing")).policyArn(S3_READ_ONLY)),
                "NoSuchEntity", 404);

        List<String> own = IntStream.range(0, 10).mapToObj(i -> root().createPolicy(r -> r.policyName(unique("Quota"))
                .policyDocument(S3_READ)).policy().arn()).toList();
        own.subList(0, 9).forEach(arn -> root().attachUserPolicy(r -> r.userName(name).policyArn(arn)));
        assertError(() -> root().attachUserPolicy(r -> r.userName(name).policyArn(own.get(9))), "LimitExceeded", 409);
        assertThat(root().getPolicy(r -> r.policyArn(own.get(0))).policy().attachmentCount()).isEqualTo(1);

        assertDeleteConflict(name, "Cannot delete entity, must detach all policies first.");
        root().detachUserPolicy(r -> r.userName(name).policyArn(S3_READ_ONLY));
        assertError(() -> root().detachUserPolicy(r -> r.userName(name).policyArn(S3_READ_ONLY)), "NoSuchEntity", 404);
        own.subList(0, 9).forEach(arn -> root().detachUserPolicy(r -> r.userName(name).policyArn(arn)));
        assertThat(root().getPolicy(r -> r.policyArn(own.get(0))).policy().attachmentCount()).isZero();
        root().deleteUser(r -> r.userName(name));
    }

    @Test
    void permissionsBoundaryIsPutAndDeleted() {
        String name = unique("Bounded");
        root().createUser(r -> r.userName(name));
        root().putUserPermissionsBoundary(r -> r.userName(name).permissionsBoundary(S3_READ_ONLY));
        assertThat(root().getUser(r -> r.userName(name)).user().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo(S3_READ_ONLY);
        assertError(() -> root().putUserPermissionsBoundary(r -> r.userName(name)
                .permissionsBoundary("arn:aws:iam::" + ACCOUNT + ":policy/" + unique("Nope"))), "NoSuchEntity", 404);
        root().deleteUserPermissionsBoundary(r -> r.userName(name));
        assertThat(root().getUser(r -> r.userName(name)).user().permissionsBoundary()).isNull();
        assertError(() -> root().deleteUserPermissionsBoundary(r -> r.userName(unique("Missing"))), "NoSuchEntity", 404);
    }

    // ---- access keys

    @Test
    void aNewAccessKeyAuthenticatesItsOwnerUntilItIsMadeInactive() {
        String name = unique("Keyed");
        String path = "/" + unique("svc") + "/";
        root().createUser(r -> r.userName(name).path(path));
        root().putUserPolicy(r -> r.userName(name).policyName("SelfService").policyDocument(SELF_SERVICE));
        CreateAccessKeyResponse created = root().createAccessKey(r -> r.userName(name));
        AccessKey key = created.accessKey();
        assertThat(key.userName()).isEqualTo(name);
        assertThat(key.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(key.secretAccessKey()).hasSize(40);
        assertThat(key.status()).isEqualTo(StatusType.ACTIVE);

        IamClient owner = client(key.accessKeyId(), key.secretAccessKey());
        User me = owner.getUser().user();
        assertThat(me.userName()).isEqualTo(name);
        assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user" + path + name);

        root().updateAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(root().listAccessKeys(r -> r.userName(name)).accessKeyMetadata())
                .extracting(AccessKeyMetadata::status).containsExactly(StatusType.INACTIVE);
        assertError(() -> owner.getUser(), "InvalidClientTokenId", 403);

        root().updateAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
        assertThat(owner.getUser().user().userName()).isEqualTo(name);

        root().deleteAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()));
        assertError(() -> owner.getUser(), "InvalidClientTokenId", 403);
    }

    @Test
    void aUserWithoutUserNameManagesItsOwnKeysAndIsLimitedToTwo() {
        String name = unique("Self");
        root().createUser(r -> r.userName(name));
        root().putUserPolicy(r -> r.userName(name).policyName("SelfService").policyDocument(SELF_SERVICE));
        AccessKey first = root().createAccessKey(r -> r.userName(name)).accessKey();

        IamClient self = client(first.accessKeyId(), first.secretAccessKey());
        AccessKey second = self.createAccessKey().accessKey();
        assertThat(second.userName()).isEqualTo(name);
        assertThat(self.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .containsExactlyInAnyOrder(first.accessKeyId(), second.accessKeyId());

        assertError(() -> self.createAccessKey(), "LimitExceeded", 409);
        assertErrorMessage(() -> root().createAccessKey(r -> r.userName(name)), "LimitExceeded",
                "Cannot exceed quota for AccessKeysPerUser: 2");
        assertDeleteConflict(name, "Cannot delete entity, must delete access keys first.");

        root().deleteAccessKey(r -> r.userName(name).accessKeyId(first.accessKeyId()));
        root().deleteAccessKey(r -> r.userName(name).accessKeyId(second.accessKeyId()));
        root().deleteUserPolicy(r -> r.userName(name).policyName("SelfService"));
        root().deleteUser(r -> r.userName(name));
    }

    @Test
    void aKeyOnlyExistsForItsOwnUser() {
        String owner = unique("Owner");
        String other = unique("Other");
        root().createUser(r -> r.userName(owner));
        root().createUser(r -> r.userName(other));
        String keyId = root().createAccessKey(r -> r.userName(owner)).accessKey().accessKeyId();

        assertError(() -> root().updateAccessKey(r -> r.userName(other).accessKeyId(keyId).status(StatusType.INACTIVE)),
                "NoSuchEntity", 404);
        assertError(() -> root().deleteAccessKey(r -> r.userName(other).accessKeyId(keyId)), "NoSuchEntity", 404);
        // Without UserName the root means its own keys, and this one is not among them.
        assertError(() -> root().deleteAccessKey(r -> r.accessKeyId(keyId)), "NoSuchEntity", 404);
        assertError(() -> root().deleteAccessKey(r -> r.userName(owner).accessKeyId("AKIANOSUCHKEY0000003")), "NoSuchEntity", 404);
        assertError(() -> root().createAccessKey(r -> r.userName(unique("Missing"))), "NoSuchEntity", 404);
        assertError(() -> root().listAccessKeys(r -> r.userName(unique("Missing"))), "NoSuchEntity", 404);
        assertError(() -> root().updateAccessKey(r -> r.userName(owner).accessKeyId(keyId).status(StatusType.EXPIRED)),
                "ValidationError", 400);
        assertThat(root().listAccessKeys(r -> r.userName(owner)).accessKeyMetadata())
                .extracting(AccessKeyMetadata::status).containsExactly(StatusType.ACTIVE);
    }

    @Test
    void aRootCallerCreatesARootKeyWithinTheSameQuota() {
        AccessKey rootKey = root().createAccessKey().accessKey();
        try {
            assertThat(rootKey.userName()).isNull();
            assertThat(root().listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                    .containsExactlyInAnyOrder(ROOT_KEY, rootKey.accessKeyId());
            User me = client(rootKey.accessKeyId(), rootKey.secretAccessKey()).getUser().user();
            assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
            assertError(() -> root().createAccessKey(), "LimitExceeded", 409);
        } finally {
            root().deleteAccessKey(r -> r.accessKeyId(rootKey.accessKeyId()));
        }
        assertThat(root().listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                .containsExactly(ROOT_KEY);
    }

    @Test
    void theSecretIsNeverAudited() {
        String name = unique("Audited");
        root().createUser(r -> r.userName(name));
        CreateAccessKeyResponse created = root().createAccessKey(r -> r.userName(name));
        String event = auditEventOf(created.responseMetadata().requestId());
        assertThat(event).contains("\"eventName\":\"CreateAccessKey\"", created.accessKey().accessKeyId())
                .doesNotContain(created.accessKey().secretAccessKey());
    }

    // ---- MFA

    @Test
    void aVirtualMfaDeviceIsEnabledWithTwoConsecutiveCodesAndBlocksUserDeletion() {
        String name = unique("Mfa");
        String deviceName = unique("phone");
        root().createUser(r -> r.userName(name));
        CreateVirtualMfaDeviceResponse created = root().createVirtualMFADevice(r -> r.virtualMFADeviceName(deviceName).path("/staff/"));
        String serial = created.virtualMFADevice().serialNumber();
        String seed = created.virtualMFADevice().base32StringSeed().asString(StandardCharsets.US_ASCII);
        assertThat(serial).isEqualTo("arn:aws:iam::" + ACCOUNT + ":mfa/staff/" + deviceName);
        assertThat(seed).matches("[A-Z2-7]{32}");
        assertThat(auditEventOf(created.responseMetadata().requestId())).contains(serial).doesNotContain(seed);

        assertError(() -> root().createVirtualMFADevice(r -> r.virtualMFADeviceName(deviceName.toUpperCase()).path("/staff/")),
                "EntityAlreadyExists", 409);

        long step = Totp.stepOf(Instant.now());
        String previous = totp.codeAtStep(seed, step - 1);
        String current = totp.codeAtStep(seed, step);
        assertErrorMessage(() -> root().enableMFADevice(r -> r.userName(name).serialNumber(serial)
                        .authenticationCode1(current).authenticationCode2(previous)),
                "InvalidAuthenticationCode", "Authentication code for device is not valid.");
        assertError(() -> root().enableMFADevice(r -> r.userName(name).serialNumber(serial)
                .authenticationCode1(current).authenticationCode2(current)), "InvalidAuthenticationCode", 403);
        assertError(() -> root().enableMFADevice(r -> r.userName(name).serialNumber(serial)
                .authenticationCode1("12345").authenticationCode2(current)), "ValidationError", 400);
        assertError(() -> root().enableMFADevice(r -> r.userName(name).serialNumber(serial + "x")
                .authenticationCode1(previous).authenticationCode2(current)), "NoSuchEntity", 404);

        root().enableMFADevice(r -> r.userName(name).serialNumber(serial).authenticationCode1(previous).authenticationCode2(current));
        List<MFADevice> devices = root().listMFADevices(r -> r.userName(name)).mfaDevices();
        assertThat(devices).extracting(MFADevice::serialNumber).containsExactly(serial);
        assertThat(devices.get(0).userName()).isEqualTo(name);
        assertThat(devices.get(0).enableDate()).isNotNull();
        assertThat(root().listMFADevices().mfaDevices()).isEmpty(); // the root's own devices

        String other = unique("Other");
        root().createUser(r -> r.userName(other));
        assertError(() -> root().enableMFADevice(r -> r.userName(other).serialNumber(serial)
                .authenticationCode1(previous).authenticationCode2(current)), "EntityAlreadyExists", 409);
        assertError(() -> root().deactivateMFADevice(r -> r.userName(other).serialNumber(serial)), "NoSuchEntity", 404);

        assertDeleteConflict(name, "Cannot delete entity, must delete MFA device first.");
        assertError(() -> root().deleteVirtualMFADevice(r -> r.serialNumber(serial)), "DeleteConflict", 409);
        root().deactivateMFADevice(r -> r.userName(name).serialNumber(serial));
        assertThat(root().listMFADevices(r -> r.userName(name)).mfaDevices()).isEmpty();
        root().deleteVirtualMFADevice(r -> r.serialNumber(serial));
        assertError(() -> root().deleteVirtualMFADevice(r -> r.serialNumber(serial)), "NoSuchEntity", 404);
        root().deleteUser(r -> r.userName(name));
    }

    @Test
    void mfaCallsForMissingUsersAreRefused() {
        assertError(() -> root().listMFADevices(r -> r.userName(unique("Missing"))), "NoSuchEntity", 404);
        assertError(() -> root().createVirtualMFADevice(r -> r.virtualMFADeviceName("bad name")), "ValidationError", 400);
    }

    // ---- helpers

    private String auditEventOf(String requestId) {
        return KafkaTopicReader.ofLocalInfrastructure().awaitRecord("sts.audit.v1",
                record -> record.value().contains(requestId), Duration.ofSeconds(20)).value();
    }

    private void assertDeleteConflict(String userName, String message) {
        assertErrorMessage(() -> root().deleteUser(r -> r.userName(userName)), "DeleteConflict", message);
        assertThat(root().getUser(r -> r.userName(userName)).user().userName()).isEqualTo(userName);
    }

    private IamClient root() {
        return client(ROOT_KEY, ROOT_SECRET);
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

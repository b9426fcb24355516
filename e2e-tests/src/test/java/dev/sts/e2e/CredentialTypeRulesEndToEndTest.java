package dev.sts.e2e;

import dev.sts.core.mfa.Totp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static dev.sts.e2e.Clients.PROD_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What each kind of credential may call, as AWS documents it, through the AWS SDK for Java v2 against the whole
 * platform: GetSessionToken credentials without MFA and GetFederationToken credentials never reach IAM (the attack
 * this closes: both created an IAM user with a long-term key); each refusal beside a positive control made the
 * same way. Also: managed session policies (PolicyArns) only from the session's own account or AWS.
 */
class CredentialTypeRulesEndToEndTest {
    private static final String DEV = "111111111111";
    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    @BeforeAll
    static void platform() {
        RunningPlatform.get();
    }

    @Test
    void getSessionTokenCredentialsWithoutMfaCannotCallIamWhileTheSameUsersKeysCan() {
        AwsBasicCredentials keys = userMayCreateUsers(unique("gst"));
        // Positive control: the user's long-term keys create a user.
        assertThat(iam(keys).createUser(r -> r.userName(unique("made-by-keys"))).user().arn()).contains(":user/");

        AwsSessionCredentials session = Clients.session(sts(keys).getSessionToken(r -> r.durationSeconds(900)).credentials());
        String victim = unique("made-by-session");
        assertRefused(() -> iam(session).createUser(r -> r.userName(victim)), 403, "InvalidClientTokenId", INVALID_TOKEN);
        assertRefused(() -> iam(session).createAccessKey(r -> r.userName(victim)), 403, "InvalidClientTokenId", INVALID_TOKEN);
        // Nothing was created: the admin finds no such user.
        assertRefused(() -> iam(DEV_ADMIN).getUser(r -> r.userName(victim)), 404, "NoSuchEntity", victim);

        // On STS, such a session may call GetCallerIdentity (and AssumeRole), and nothing else.
        assertThat(sts(session).getCallerIdentity().arn()).endsWith(":user/" + userOf(keys));
        assertRefused(() -> sts(session).decodeAuthorizationMessage(r -> r.encodedMessage("abc")), 403, "AccessDenied",
                "because credentials from GetSessionToken may call only AssumeRole and GetCallerIdentity");
        assertRefused(() -> sts(session).getSessionToken(), 403, "AccessDenied",
                "Cannot call GetSessionToken with session credentials");
        assertRefused(() -> sts(session).getFederationToken(r -> r.name("again")), 403, "AccessDenied",
                "Cannot call GetFederationToken with session credentials");
    }

    @Test
    void getSessionTokenCredentialsWithMfaMayCallIamByPolicy() {
        String name = unique("gst-mfa");
        AwsBasicCredentials keys = userMayCreateUsers(name);
        VirtualMFADevice device = iam(DEV_ADMIN).createVirtualMFADevice(r -> r.virtualMFADeviceName(name)).virtualMFADevice();
        String seed = device.base32StringSeed().asString(StandardCharsets.US_ASCII);
        Totp totp = new Totp();
        long step = Totp.stepOf(Instant.now());
        iam(DEV_ADMIN).enableMFADevice(r -> r.userName(name).serialNumber(device.serialNumber())
                .authenticationCode1(totp.codeAtStep(seed, step - 1)).authenticationCode2(totp.codeAtStep(seed, step)));
        String code = totp.codeAt(seed, Instant.now());
        AwsSessionCredentials session = Eventually.succeeds(() -> Clients.session(sts(keys).getSessionToken(r -> r
                .durationSeconds(900).serialNumber(device.serialNumber()).tokenCode(code)).credentials()));

        assertThat(iam(session).createUser(r -> r.userName(unique("made-with-mfa"))).user().arn()).contains(":user/");
        // By policy: what the user's policy does not allow is refused by the policy, not by the credential type.
        assertRefused(() -> iam(session).listRoles(), 403, "AccessDenied", "iam:ListRoles");
        // Still a GetSessionToken session on STS.
        assertRefused(() -> sts(session).getFederationToken(r -> r.name("again")), 403, "AccessDenied",
                "Cannot call GetFederationToken with session credentials");
    }

    @Test
    void federationTokenCredentialsMayCallOnlyGetCallerIdentity() {
        AwsBasicCredentials keys = userMayCreateUsers(unique("federator"));
        // Positive control: the issuing user's own keys create a user.
        assertThat(iam(keys).createUser(r -> r.userName(unique("made-by-keys"))).user().arn()).contains(":user/");

        String everything = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        AwsSessionCredentials federated = Eventually.succeeds(() -> Clients.session(sts(keys).getFederationToken(r -> r
                .name("contractor").policy(everything).durationSeconds(900)).credentials()));
        assertThat(sts(federated).getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + DEV + ":federated-user/contractor");
        assertRefused(() -> iam(federated).createUser(r -> r.userName(unique("made-by-federated"))), 403,
                "InvalidClientTokenId", INVALID_TOKEN);
        assertRefused(() -> sts(federated).assumeRole(r -> r.roleArn("arn:aws:iam::" + DEV + ":role/Any")
                .roleSessionName("s")), 403, "AccessDenied",
                "because credentials from GetFederationToken may call only GetCallerIdentity");
        assertRefused(() -> sts(federated).getSessionToken(), 403, "AccessDenied",
                "Cannot call GetSessionToken with session credentials");
    }

    @Test
    void roleSessionsCallIamByPolicyButNeverGetSessionTokenOrGetFederationToken() {
        String role = unique("Operator");
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trustTheAccount()));
        iam(DEV_ADMIN).attachRolePolicy(r -> r.roleName(role).policyArn("arn:aws:iam::aws:policy/IAMFullAccess"));
        AwsSessionCredentials session = Eventually.succeeds(() -> Clients.session(sts(DEV_ADMIN).assumeRole(r -> r
                .roleArn("arn:aws:iam::" + DEV + ":role/" + role).roleSessionName("operator")).credentials()));
        // Positive control: the role session reaches IAM and its policy lets it create a user.
        assertThat(iam(session).createUser(r -> r.userName(unique("made-by-role"))).user().arn()).contains(":user/");
        assertRefused(() -> sts(session).getSessionToken(), 403, "AccessDenied",
                "Cannot call GetSessionToken with session credentials");
        assertRefused(() -> sts(session).getFederationToken(r -> r.name("contractor")), 403, "AccessDenied",
                "Cannot call GetFederationToken with session credentials");
    }

    @Test
    void sessionPolicyArnsMayNameOnlyTheSessionAccountsPoliciesOrAwsManagedOnes() {
        String policyName = unique("ReadReports");
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::reports/*\"}]}";
        String prodPolicy = iam(PROD_ADMIN).createPolicy(r -> r.policyName(policyName).policyDocument(document)).policy().arn();
        String devPolicy = iam(DEV_ADMIN).createPolicy(r -> r.policyName(policyName).policyDocument(document)).policy().arn();
        String awsManaged = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        String role = unique("Scoped");
        iam(DEV_ADMIN).createRole(r -> r.roleName(role).assumeRolePolicyDocument(trustTheAccount()));
        String roleArn = "arn:aws:iam::" + DEV + ":role/" + role;

        // Positive controls, made the same way: the session account's own policy, and an AWS managed one.
        assertThat(Eventually.succeeds(() -> sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn).roleSessionName("own")
                .policyArns(arn(devPolicy))).credentials().accessKeyId())).startsWith("ASIA");
        assertThat(sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn).roleSessionName("aws").policyArns(arn(awsManaged)))
                .credentials().accessKeyId()).startsWith("ASIA");
        assertThat(sts(DEV_ADMIN).getFederationToken(r -> r.name("own").policyArns(arn(devPolicy)))
                .federatedUser().arn()).endsWith(":federated-user/own");
        assertThat(sts(DEV_ADMIN).getFederationToken(r -> r.name("aws").policyArns(arn(awsManaged)))
                .federatedUser().arn()).endsWith(":federated-user/aws");

        // The other account's policy exists and token-service sees it: its owner may use it.
        assertThat(Eventually.succeeds(() -> sts(PROD_ADMIN).getFederationToken(r -> r.name("owner")
                .policyArns(arn(prodPolicy))).federatedUser().arn()))
                .isEqualTo("arn:aws:sts::222222222222:federated-user/owner");
        // Another account's policy, though it exists, is refused as if it did not.
        String refusal = "Policy " + prodPolicy + " does not exist or is not attachable.";
        assertRefused(() -> sts(DEV_ADMIN).assumeRole(r -> r.roleArn(roleArn).roleSessionName("foreign")
                .policyArns(arn(prodPolicy))), 400, "ValidationError", refusal);
        assertRefused(() -> sts(DEV_ADMIN).getFederationToken(r -> r.name("foreign").policyArns(arn(prodPolicy))), 400,
                "ValidationError", refusal);
    }

    /** A user of the development account allowed to create users and keys, to federate, and to assume roles. */
    private static AwsBasicCredentials userMayCreateUsers(String name) {
        iam(DEV_ADMIN).createUser(r -> r.userName(name));
        iam(DEV_ADMIN).putUserPolicy(r -> r.userName(name).policyName("MayCreateUsers").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:CreateUser\","
                        + "\"iam:CreateAccessKey\",\"sts:GetFederationToken\",\"sts:AssumeRole\","
                        + "\"sts:DecodeAuthorizationMessage\"],\"Resource\":\"*\"}]}"));
        AccessKey key = iam(DEV_ADMIN).createAccessKey(r -> r.userName(name)).accessKey();
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    private static String userOf(AwsBasicCredentials keys) {
        return sts(keys).getCallerIdentity().arn().replaceFirst(".*:user/", "");
    }

    private static String trustTheAccount() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + DEV
                + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private static PolicyDescriptorType arn(String policyArn) {
        return PolicyDescriptorType.builder().arn(policyArn).build();
    }

    private static void assertRefused(Runnable call, int status, String code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    private static StsClient sts(AwsCredentials credentials) {
        return Clients.sts(credentials);
    }

    private static IamClient iam(AwsCredentials credentials) {
        return Clients.iam(credentials);
    }
}

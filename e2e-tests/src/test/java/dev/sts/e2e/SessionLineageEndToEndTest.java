package dev.sts.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static dev.sts.e2e.Clients.DEV_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions know where they came from, against the whole platform with the AWS SDK for Java v2: revocation follows
 * a session's lineage (chained sessions, a principal's every kind of session), and a session is bound to the
 * unique id of its role or user, so that deleting and recreating the entity under the same name leaves old
 * sessions without permissions. Each test makes its own user and roles; each refusal has a positive control
 * made the same way.
 */
class SessionLineageEndToEndTest {
    private static final String ACCOUNT = "111111111111";
    private static final String TRUST_ACCOUNT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"" + ACCOUNT + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String MAY_ASSUME_AND_FEDERATE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"sts:AssumeRole\",\"sts:GetFederationToken\",\"iam:ListRoles\"],\"Resource\":\"*\"}]}";
    private static final String FEDERATED_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}";

    @BeforeAll
    static void platform() {
        RunningPlatform.get();
    }

    @Test
    void revokingASessionRefusesEverySessionChainedFromItAndNothingElse() throws Exception {
        String tag = suffix();
        AwsBasicCredentials alice = user("lineage-" + tag);
        String role = role("Chain" + tag);
        AwsSessionCredentials s1 = assume(alice, role, "s1");
        AwsSessionCredentials s2 = assume(s1, role, "s2");
        AwsSessionCredentials s3 = assume(s2, role, "s3");
        AwsSessionCredentials sibling = assume(alice, role, "sibling");
        AwsSessionCredentials siblingChild = assume(sibling, role, "sibling-child");

        assertThat(revoke("{\"accessKeyId\":\"" + s1.accessKeyId() + "\"}").statusCode()).isEqualTo(200);

        for (AwsSessionCredentials revoked : new AwsSessionCredentials[]{s1, s2, s3}) {
            assertThat(Eventually.refused(() -> Clients.sts(revoked).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
        }
        // A revoked session can mint nothing: it is refused before the request is considered.
        assertThat(Eventually.refused(() -> Clients.sts(s2).assumeRole(r -> r.roleArn(role).roleSessionName("s4"))))
                .isEqualTo("InvalidClientTokenId");
        // Positive control: sessions of the same role, chained the same way, not derived from s1.
        assertThat(Clients.sts(sibling).getCallerIdentity().arn()).endsWith("/sibling");
        assertThat(Clients.sts(siblingChild).getCallerIdentity().arn()).endsWith("/sibling-child");
        AwsSessionCredentials grandchild = assume(siblingChild, role, "sibling-grandchild");
        assertThat(Clients.sts(grandchild).getCallerIdentity().arn()).endsWith("/sibling-grandchild");
    }

    @Test
    void revokingAPrincipalRefusesEveryKindOfSessionItStartedBeforeTheCutOffAndNoneAfter() throws Exception {
        String tag = suffix();
        String userName = "lineage-" + tag;
        AwsBasicCredentials alice = user(userName);
        String role = role("Principal" + tag);
        AwsSessionCredentials sessionToken = Clients.session(Clients.sts(alice)
                .getSessionToken(r -> r.durationSeconds(900)).credentials());
        AwsSessionCredentials federated = Clients.session(Clients.sts(alice).getFederationToken(r -> r.name("fed" + tag)
                .policy(FEDERATED_POLICY).durationSeconds(900)).credentials());
        AwsSessionCredentials roleSession = assume(alice, role, "direct");
        AwsSessionCredentials chained = assume(roleSession, role, "chained");
        AwsSessionCredentials fromSessionToken = assume(sessionToken, role, "via-session-token");
        Instant cutOff = Instant.now();

        assertThat(revoke("{\"principalArn\":\"arn:aws:iam::" + ACCOUNT + ":user/" + userName + "\",\"issuedBefore\":\""
                + cutOff + "\"}").statusCode()).isEqualTo(200);

        for (AwsSessionCredentials revoked : new AwsSessionCredentials[]{sessionToken, federated, roleSession, chained,
                fromSessionToken}) {
            assertThat(Eventually.refused(() -> Clients.sts(revoked).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
        }
        // Positive control: the same kinds of session, issued after the cut-off, and her long-term key.
        AwsSessionCredentials laterToken = Clients.session(Clients.sts(alice).getSessionToken(r -> r.durationSeconds(900))
                .credentials());
        AwsSessionCredentials laterFederated = Clients.session(Clients.sts(alice).getFederationToken(r -> r
                .name("fed2" + tag).policy(FEDERATED_POLICY).durationSeconds(900)).credentials());
        AwsSessionCredentials laterRole = assume(alice, role, "later");
        AwsSessionCredentials laterChained = assume(laterRole, role, "later-chained");
        assertThat(Clients.sts(laterToken).getCallerIdentity().arn()).endsWith(":user/" + userName);
        assertThat(Clients.sts(laterFederated).getCallerIdentity().arn()).endsWith(":federated-user/fed2" + tag);
        assertThat(Clients.sts(laterChained).getCallerIdentity().arn()).endsWith("/later-chained");
        assertThat(Clients.sts(alice).getCallerIdentity().arn()).endsWith(":user/" + userName);
    }

    @Test
    void revokingARoleRefusesSessionsChainedFromItsSessionsIntoAnotherRole() throws Exception {
        String tag = suffix();
        AwsBasicCredentials alice = user("lineage-" + tag);
        String revokedRole = role("Revoked" + tag);
        String otherRole = role("Other" + tag);
        AwsSessionCredentials viaRevoked = assume(assume(alice, revokedRole, "first"), otherRole, "into-other");
        AwsSessionCredentials direct = assume(alice, otherRole, "direct");

        assertThat(revoke("{\"roleArn\":\"" + revokedRole + "\"}").statusCode()).isEqualTo(200);

        assertThat(Eventually.refused(() -> Clients.sts(viaRevoked).getCallerIdentity())).isEqualTo("InvalidClientTokenId");
        // Positive control: a session of the other role not chained from the revoked one.
        assertThat(Clients.sts(direct).getCallerIdentity().arn()).endsWith("/direct");
    }

    @Test
    void aRoleSessionIsRefusedAfterItsRoleIsDeletedAndRecreatedWhileANewSessionWorks() throws Exception {
        String tag = suffix();
        AwsBasicCredentials alice = user("lineage-" + tag);
        String roleName = "Recreated" + tag;
        String role = role(roleName);
        String target = role("Target" + tag);
        AwsSessionCredentials old = assume(alice, role, "old");
        assertThat(assume(old, target, "before").accessKeyId()).as("the old session can chain while its role exists")
                .startsWith("ASIA");

        IamClient admin = Clients.iam(DEV_ADMIN);
        admin.deleteRolePolicy(r -> r.roleName(roleName).policyName("assume"));
        admin.deleteRole(r -> r.roleName(roleName));
        role(roleName);

        // Authorized calls are refused: chaining, and the IAM API. Its credentials still authenticate, as on AWS.
        assertThat(Eventually.refused(() -> Clients.sts(old).assumeRole(r -> r.roleArn(target).roleSessionName("after"))))
                .isEqualTo("AccessDenied");
        assertThat(Eventually.refused(() -> Clients.iam(old).listRoles())).isEqualTo("AccessDenied");
        assertThat(Clients.sts(old).getCallerIdentity().arn()).endsWith(":assumed-role/" + roleName + "/old");
        // Positive control: a session of the recreated role does both.
        AwsSessionCredentials fresh = assume(alice, role, "new");
        assertThat(assume(fresh, target, "after").accessKeyId()).startsWith("ASIA");
        assertThat(Eventually.succeeds(() -> Clients.iam(fresh).listRoles()).roles()).isNotEmpty();
    }

    @Test
    void aUsersSessionIsRefusedAfterTheUserIsDeletedAndRecreatedWhileANewSessionWorks() throws Exception {
        String tag = suffix();
        String userName = "lineage-" + tag;
        AwsBasicCredentials first = user(userName);
        String role = role("ForUser" + tag);
        AwsSessionCredentials old = Clients.session(Clients.sts(first).getSessionToken(r -> r.durationSeconds(900))
                .credentials());
        assertThat(assume(old, role, "before").accessKeyId()).as("the old session can assume while its user exists")
                .startsWith("ASIA");

        IamClient admin = Clients.iam(DEV_ADMIN);
        admin.deleteAccessKey(r -> r.userName(userName).accessKeyId(first.accessKeyId()));
        admin.deleteUserPolicy(r -> r.userName(userName).policyName("assume"));
        admin.deleteUser(r -> r.userName(userName));
        AwsBasicCredentials second = user(userName);

        assertThat(Eventually.refused(() -> Clients.sts(old).assumeRole(r -> r.roleArn(role).roleSessionName("after"))))
                .isEqualTo("AccessDenied");
        assertThat(Clients.sts(old).getCallerIdentity().arn()).endsWith(":user/" + userName);
        // Positive control: the recreated user's own session of the same kind.
        AwsSessionCredentials fresh = Clients.session(Eventually.succeeds(() -> Clients.sts(second)
                .getSessionToken(r -> r.durationSeconds(900)).credentials()));
        assertThat(assume(fresh, role, "after").accessKeyId()).startsWith("ASIA");
    }

    /** A user with a long-term key, allowed to assume roles, federate and list roles. */
    private static AwsBasicCredentials user(String name) {
        IamClient admin = Clients.iam(DEV_ADMIN);
        admin.createUser(r -> r.userName(name));
        admin.putUserPolicy(r -> r.userName(name).policyName("assume").policyDocument(MAY_ASSUME_AND_FEDERATE));
        AccessKey key = admin.createAccessKey(r -> r.userName(name)).accessKey();
        AwsBasicCredentials credentials = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        Eventually.succeeds(() -> Clients.sts(credentials).getCallerIdentity());
        return credentials;
    }

    /** A role the account trusts, whose sessions may assume roles (chain) and list roles; its ARN. */
    private static String role(String name) {
        IamClient admin = Clients.iam(DEV_ADMIN);
        admin.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST_ACCOUNT));
        admin.putRolePolicy(r -> r.roleName(name).policyName("assume").policyDocument(MAY_ASSUME_AND_FEDERATE));
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static AwsSessionCredentials assume(AwsCredentials caller, String roleArn, String sessionName) {
        return Clients.session(Eventually.succeeds(() -> Clients.sts(caller).assumeRole(r -> r.roleArn(roleArn)
                .roleSessionName(sessionName).durationSeconds(900)).credentials()));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpResponse<String> revoke(String json) throws Exception {
        return AdminApi.revoke(json);
    }
}

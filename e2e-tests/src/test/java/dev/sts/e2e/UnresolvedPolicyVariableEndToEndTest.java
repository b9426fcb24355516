package dev.sts.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A policy variable the request cannot resolve ({@code ${aws:username}} in a role session, which has no user name)
 * fails closed on the live path: an Allow never grants because of it, a Deny still applies. Judged by the authorize
 * API with credentials from the AWS SDK for Java v2; the positive control is an IAM user's session with the very
 * same policy, for which the variable resolves. (policy-service, which answers the authorize API, reads IAM state
 * directly, so its decisions need no waiting.)
 */
class UnresolvedPolicyVariableEndToEndTest {
    private static final String ALLOW_OUTSIDE_HOME = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
             "NotResource":"arn:aws:s3:::home/${aws:username}/*"}]}""";
    private static final String DENY_OUTSIDE_HOME = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
             {"Effect":"Deny","Action":"s3:GetObject","NotResource":"arn:aws:s3:::home/${aws:username}/*"}]}""";

    @Test
    void anAllowWhoseNotResourceCannotBeResolvedGrantsNothingWhileTheResolvedOneGrants() throws Exception {
        String user = unique("vera");
        AwsSessionCredentials userSession = userSession(user, ALLOW_OUTSIDE_HOME);
        AwsSessionCredentials roleSession = roleSession(ALLOW_OUTSIDE_HOME);

        // Positive control: for the user the variable resolves, so everything outside her home is allowed.
        assertThat(AuthorizeApi.decision(userSession, "s3:GetObject", "arn:aws:s3:::shared/report.csv")).isEqualTo("Allow");
        assertThat(AuthorizeApi.decision(userSession, "s3:GetObject", "arn:aws:s3:::home/" + user + "/notes")).isEqualTo("Deny");
        // The role session has no aws:username: the Allow must not grant anything, least of all everything.
        assertThat(AuthorizeApi.decision(roleSession, "s3:GetObject", "arn:aws:s3:::shared/report.csv")).isEqualTo("Deny");
        assertThat(AuthorizeApi.decision(roleSession, "s3:GetObject", "arn:aws:s3:::home/anyone/notes")).isEqualTo("Deny");
    }

    @Test
    void aDenyWhoseNotResourceCannotBeResolvedStillApplies() throws Exception {
        String user = unique("walt");
        AwsSessionCredentials userSession = userSession(user, DENY_OUTSIDE_HOME);
        AwsSessionCredentials roleSession = roleSession(DENY_OUTSIDE_HOME);

        // Positive control: the user may read inside his home (the Deny does not apply there), not outside it.
        assertThat(AuthorizeApi.decision(userSession, "s3:GetObject", "arn:aws:s3:::home/" + user + "/notes")).isEqualTo("Allow");
        assertThat(AuthorizeApi.decision(userSession, "s3:GetObject", "arn:aws:s3:::shared/report.csv")).isEqualTo("Deny");
        // For the role session the Deny cannot be narrowed by the variable, so it applies everywhere.
        assertThat(AuthorizeApi.decision(roleSession, "s3:GetObject", "arn:aws:s3:::shared/report.csv")).isEqualTo("Deny");
    }

    /** A GetSessionToken session of a new user whose only policy is {@code policy}. */
    private static AwsSessionCredentials userSession(String name, String policy) {
        IamClient admin = Clients.iam(Clients.DEV_ADMIN);
        admin.createUser(r -> r.userName(name));
        admin.putUserPolicy(r -> r.userName(name).policyName("home").policyDocument(policy));
        AccessKey key = admin.createAccessKey(r -> r.userName(name)).accessKey();
        AwsBasicCredentials longTerm = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        return Clients.session(Eventually.succeeds(() -> Clients.sts(longTerm)
                .getSessionToken(r -> r.durationSeconds(900))).credentials());
    }

    /** A session of a new role whose only policy is {@code policy}. */
    private static AwsSessionCredentials roleSession(String policy) {
        IamClient admin = Clients.iam(Clients.DEV_ADMIN);
        String role = unique("Home");
        String roleArn = admin.createRole(r -> r.roleName(role).assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},
                 "Action":"sts:AssumeRole"}]}""")).role().arn();
        admin.putRolePolicy(r -> r.roleName(role).policyName("home").policyDocument(policy));
        return Clients.session(Eventually.succeeds(() -> Clients.sts(Clients.DEV_ADMIN)
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("home-session"))).credentials());
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }
}

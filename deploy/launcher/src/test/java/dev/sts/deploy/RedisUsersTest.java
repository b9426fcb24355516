package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisUsersTest {

    @Test
    void eachServiceThatUsesRedisHasItsOwnUserAndAuditServiceNone() {
        assertThat(RedisUsers.ofService("policy-service")).contains(RedisUsers.POLICY_SERVICE);
        assertThat(RedisUsers.ofService("token-service")).contains(RedisUsers.TOKEN_SERVICE);
        assertThat(RedisUsers.ofService("federation-service")).contains(RedisUsers.FEDERATION_SERVICE);
        assertThat(RedisUsers.ofService("audit-service")).isEmpty();
        assertThatThrownBy(() -> RedisUsers.ofService("billing-service")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenServiceNeverGetsAccessKeysOrMfaDevicesNorWritesIam() {
        assertThat(RedisUsers.TOKEN_SERVICE.rules()).noneMatch(rule -> rule.contains("access-key"))
                .noneMatch(rule -> rule.contains("iam:mfa"))
                .noneMatch(rule -> rule.startsWith("~iam:"))
                .allMatch(rule -> !rule.contains("iam:") || rule.startsWith("%R~iam:"))
                .contains("%R~iam:role:*", "-@dangerous");
        assertThat(RedisUsers.POLICY_SERVICE.rules()).contains("~iam:*", "-@dangerous");
    }

    @Test
    void theAclFileTurnsTheDefaultUserOffAndHoldsHashesNotPasswords() {
        Map<String, String> passwords = Map.of(PlatformSecrets.REDIS_PASSWORD_ADMIN, "admin-pw",
                PlatformSecrets.REDIS_PASSWORD_POLICY_SERVICE, "policy-pw", PlatformSecrets.REDIS_PASSWORD_TOKEN_SERVICE, "token-pw",
                PlatformSecrets.REDIS_PASSWORD_FEDERATION_SERVICE, "federation-pw");

        String acl = RedisUsers.aclFile(passwords::get);

        assertThat(acl.lines()).first().isEqualTo("user default off resetpass ~* &* +@all");
        assertThat(acl).doesNotContain("admin-pw", "policy-pw", "token-pw", "federation-pw")
                // sha256("token-pw"), so the line is the token-service user's with its own password.
                .contains("user token-service on #" + java.util.HexFormat.of().formatHex(sha256("token-pw")));
    }

    /** The README's production ACL lines grant each user exactly what the platform gives it. */
    @Test
    void theReadmeShowsTheSameAclRules() throws Exception {
        String readme = Files.readString(ProjectRoot.find().resolve("README.md"));
        for (RedisUsers.User user : RedisUsers.ALL) {
            Set<String> documented = new LinkedHashSet<>();
            readme.lines().filter(line -> line.startsWith("ACL SETUSER " + user.name() + " "))
                    .forEach(line -> Arrays.stream(line.substring(("ACL SETUSER " + user.name() + " ").length()).split(" "))
                            .filter(token -> !token.equals("on") && !token.startsWith(">") && !token.equals("resetkeys"))
                            .forEach(documented::add));
            assertThat(documented).as("README's ACL SETUSER lines for " + user.name())
                    .containsExactlyInAnyOrderElementsOf(user.rules());
        }
        assertThat(readme).contains("ACL SETUSER " + RedisUsers.DEFAULT_USER.substring("user ".length()) + "\n");
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

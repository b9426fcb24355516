package dev.sts.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DevelopmentAccountsTest {

    @Test
    void keysHaveTheShapeOfAwsAccessKeys() {
        for (DevelopmentAccounts.DevelopmentAccount account : DevelopmentAccounts.ALL) {
            assertThat(account.accessKeyId()).hasSize(20).matches("AKIA[A-Z0-9]{16}");
            assertThat(account.secretAccessKey()).hasSize(40).matches("[A-Za-z0-9/+]{40}");
            assertThat(account.accountId()).matches("[0-9]{12}");
        }
    }

    @Test
    void keyIdsCannotBeRealAwsKeyIdsWhichUseBase32() {
        // Real key ids use A-Z and 2-7 only; a 0, 1, 8 or 9 marks ours as made up.
        for (DevelopmentAccounts.DevelopmentAccount account : DevelopmentAccounts.ALL) {
            assertThat(account.accessKeyId().substring(4)).containsPattern("[0189]");
        }
    }

    @Test
    void theTwoProfilesAreSeparateAccounts() {
        assertThat(DevelopmentAccounts.DEV_ADMIN.profile()).isEqualTo("dev-admin");
        assertThat(DevelopmentAccounts.DEV_ADMIN.accountId()).isEqualTo("111111111111");
        assertThat(DevelopmentAccounts.PROD_ADMIN.profile()).isEqualTo("prod-admin");
        assertThat(DevelopmentAccounts.PROD_ADMIN.accountId()).isEqualTo("222222222222");
        assertThat(DevelopmentAccounts.DEV_ADMIN.accessKeyId()).isNotEqualTo(DevelopmentAccounts.PROD_ADMIN.accessKeyId());
    }
}

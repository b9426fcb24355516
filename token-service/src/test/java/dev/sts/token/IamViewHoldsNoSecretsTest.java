package dev.sts.token;

import dev.sts.core.iam.AccessKey;
import dev.sts.core.iam.Account;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.support.RedisKeyValueStore;
import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** token-service's IAM view, as the service wires it over real Redis, refuses access keys and MFA devices. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL)
class IamViewHoldsNoSecretsTest {
    @Inject
    IamRepository iamView;

    @Inject
    RedisDataSource redis;

    @Test
    void theServicesIamViewRefusesAccessKeysAndMfaDevicesButReadsAccounts() {
        String account = String.valueOf(100_000_000_000L + ThreadLocalRandom.current().nextLong(899_999_999_999L));
        IamRepository writer = new IamRepository(new RedisKeyValueStore(redis));
        Instant now = Instant.now();
        String keyId = "AKIAVIEW" + account;
        String serial = "arn:aws:iam::" + account + ":mfa/view";
        writer.createAccount(new Account(account, "view-test"));
        writer.createAccessKey(new AccessKey(keyId, "viewSecret/0000000000000000000000000000001", AccessKey.Status.Active,
                account, null, now));
        writer.createMfaDevice(new VirtualMfaDevice(account, serial, "JBSWY3DPEHPK3PXP", null, null, now));

        assertThat(iamView.findAccount(account)).as("control: the view reads IAM state from the same Redis").isPresent();
        assertThat(writer.findAccessKey(keyId)).as("control: the key is in Redis").isPresent();
        assertThatThrownBy(() -> iamView.findAccessKey(keyId)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> iamView.listAccessKeys(account, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> iamView.findMfaDevice(serial)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> iamView.listMfaDevices(account)).isInstanceOf(IllegalStateException.class);
    }
}

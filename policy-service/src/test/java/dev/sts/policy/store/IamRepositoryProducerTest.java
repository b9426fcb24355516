package dev.sts.policy.store;

import dev.sts.core.crypto.AesKeyRing;
import dev.sts.policy.config.PolicyServiceConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** policy-service fails closed without a usable STS_KEK, and says why without showing key material. */
class IamRepositoryProducerTest {
    @Test
    void refusesToStartWithoutAKek() {
        assertThatThrownBy(() -> IamRepositoryProducer.sealer(config(Optional.empty())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("STS_KEK (sts.kek) is not set");
        assertThatThrownBy(() -> IamRepositoryProducer.sealer(config(Optional.of(" "))))
                .hasMessageContaining("STS_KEK (sts.kek) is not set");
    }

    @Test
    void refusesAMalformedKekWithoutShowingIt() {
        String tooShort = "k1:AAAAAAAAAAAAAAAAAAAAAA==";
        assertThatThrownBy(() -> IamRepositoryProducer.sealer(config(Optional.of(tooShort))))
                .hasMessage("STS_KEK (sts.kek) is malformed: key-encryption key k1 must be 32 bytes (AES-256)");
    }

    @Test
    void acceptsAWellFormedRingWithTheFirstKeyActive() {
        String ring = AesKeyRing.newKeySpec("new") + "," + AesKeyRing.newKeySpec("old");
        assertThat(IamRepositoryProducer.sealer(config(Optional.of(ring))).activeKeyId()).isEqualTo("new");
    }

    private static PolicyServiceConfig config(Optional<String> kek) {
        return (PolicyServiceConfig) Proxy.newProxyInstance(PolicyServiceConfig.class.getClassLoader(),
                new Class<?>[]{PolicyServiceConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("kek")) {
                        return kek;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

package dev.sts.federation.outbound;

import dev.sts.core.crypto.SecretSealer;
import dev.sts.core.iam.IamRepository;
import dev.sts.support.RedisKeyValueStore;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;

/** The outbound side's objects: the shared signing keys, the issuers, the token issuer. */
@ApplicationScoped
public class OutboundBeans {
    private static final Logger LOG = Logger.getLogger(OutboundBeans.class);

    @Produces
    @Singleton
    @Startup // created at start, so a missing or malformed STS_KEK or a bad rotation setting stops the service at once
    SigningKeyRing signingKeyRing(OutboundConfig config, RedisDataSource redis) {
        SigningKeyRing ring = new SigningKeyRing(new RedisKeyValueStore(redis), sealer(config), KeyRotationPolicy.of(config),
                Clock.systemUTC(), config.keyRefresh());
        try {
            // Loaded once at start: keys sealed under an older KEK are sealed again now (./sts rotate-kek waits for it).
            ring.publishedKeys();
        } catch (RuntimeException e) {
            LOG.warnf("The outbound signing keys could not be loaded at start (%s); they are tried again on first use",
                    e.getClass().getSimpleName());
        }
        return ring;
    }

    @Produces
    @Singleton
    OutboundIssuers outboundIssuers(IamRepository iam, OutboundConfig config) {
        return new OutboundIssuers(iam, config.issuerCacheTtl());
    }

    @Produces
    @Singleton
    WebIdentityTokenIssuer webIdentityTokenIssuer(SigningKeyRing keys, OutboundIssuers issuers, OutboundConfig config) {
        return new WebIdentityTokenIssuer(keys, issuers, Clock.systemUTC(), config.maxPayloadBytes());
    }

    /** Fails closed: no key ring, or a malformed one, stops the start with a message that never shows key material. */
    static SecretSealer sealer(OutboundConfig config) {
        String spec = config.kek().filter(value -> !value.isBlank()).orElseThrow(() -> new IllegalStateException(
                "STS_KEK (sts.outbound.kek) is not set: federation-service seals its outbound signing keys at rest under"
                        + " this key-encryption key ring and will not start without it."));
        try {
            SecretSealer sealer = SecretSealer.parse(spec);
            LOG.infof("Outbound signing keys are sealed under key-encryption key %s", sealer.activeKeyId());
            return sealer;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("STS_KEK (sts.outbound.kek) is malformed: " + e.getMessage(), e);
        }
    }
}

package dev.sts.federation.outbound;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import dev.sts.core.crypto.SecretSealer;
import dev.sts.core.port.KeyValueStore;
import dev.sts.support.RedisKeyValueStore;
import dev.sts.testing.InfrastructureTestResource;
import dev.sts.testing.RedisProbe;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signing key ring over real Redis, connected as federation-service: keys sealed at rest, rotation with an
 * injected clock, and two instances that rotate at the same moment agreeing on one successor. Each test keeps its
 * own key set under {@code sts:federation:signing-keys:test-…}, apart from the service's.
 */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "service", value = "federation-service"))
class SigningKeyRingTest {
    private static final SecretSealer SEALER = SecretSealer.parse("test:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=");
    private static final KeyRotationPolicy POLICY = new KeyRotationPolicy(Duration.ofDays(30), Duration.ofHours(1),
            Duration.ofSeconds(3600 + 60));
    private static final Duration REFRESH = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Inject
    RedisDataSource redis;

    private String freshKey() {
        return SigningKeyRing.KEY + ":test-" + UUID.randomUUID();
    }

    @Test
    void privatePartsAreSealedAtRestAndOnlyPublicPartsArePublished() throws Exception {
        String key = freshKey();
        SigningKeyRing ring = new SigningKeyRing(new RedisKeyValueStore(redis), key, SEALER, POLICY,
                new MovableClock(T0), REFRESH);
        SigningKeyRing.ActiveKey rs = ring.signingKey(SigningAlgorithm.RS256);
        SigningKeyRing.ActiveKey es = ring.signingKey(SigningAlgorithm.ES384);

        String raw = RedisProbe.ofLocalInfrastructure().get(key);
        assertThat(raw).as("control: the key set is in Redis, with both public keys").contains(rs.kid(), es.kid(),
                rs.privateJwk().toRSAKey().getModulus().toString());
        for (SigningKeyRing.ActiveKey active : List.of(rs, es)) {
            String pkcs8 = Base64.getEncoder().encodeToString(active.algorithm().pkcs8(active.privateJwk()));
            assertThat(raw).doesNotContain(pkcs8).doesNotContain(pkcs8.substring(40, 100));
            String privateJwk = active.privateJwk().toJSONString();
            assertThat(privateJwk).as("control: the opened key has its private part").contains("\"d\":\"");
            String d = privateJwk.replaceAll(".*\"d\":\"([^\"]+)\".*", "$1");
            assertThat(raw).doesNotContain(d).doesNotContain("\"d\"").doesNotContain("\\\"d\\\"");
        }
        assertThat(SigningKeyRing.read(raw).keys()).allSatisfy(stored -> {
            assertThat(SecretSealer.isSealed(stored.sealedPrivate())).isTrue();
            assertThat(stored.sealedPrivate()).startsWith("v1:test:");
        });

        List<JWK> published = ring.publishedKeys().getKeys();
        assertThat(published).hasSize(2).noneMatch(JWK::isPrivate);
        assertThat(published.toString()).doesNotContain("\"d\"");
    }

    @Test
    void aKeySealedUnderAnotherKekDoesNotOpen() {
        String key = freshKey();
        KeyValueStore store = new RedisKeyValueStore(redis);
        new SigningKeyRing(store, key, SEALER, POLICY, new MovableClock(T0), REFRESH).signingKey(SigningAlgorithm.ES384);
        SecretSealer other = SecretSealer.parse("other:AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=");

        SigningKeyRing sameKek = new SigningKeyRing(store, key, SEALER, POLICY, new MovableClock(T0), REFRESH);
        assertThat(sameKek.signingKey(SigningAlgorithm.ES384).privateJwk().isPrivate()).as("control: the right KEK opens it").isTrue();
        SigningKeyRing wrongKek = new SigningKeyRing(store, key, other, POLICY, new MovableClock(T0), REFRESH);
        assertThatThrownBy(() -> wrongKek.signingKey(SigningAlgorithm.ES384)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void aRotatedKekSealsTheKeysAgainSoTheOldKekCanGo() {
        String key = freshKey();
        KeyValueStore store = new RedisKeyValueStore(redis);
        new SigningKeyRing(store, key, SEALER, POLICY, new MovableClock(T0), REFRESH).signingKey(SigningAlgorithm.RS256);
        assertThat(store.get(key).orElseThrow()).as("control: sealed under the first KEK").contains("\"v1:test:");
        String newKek = "next:AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=";

        // ./sts rotate-kek: the new KEK first, the old one still in the ring; the next load seals every key again.
        new SigningKeyRing(store, key, SecretSealer.parse(newKek + ",test:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="),
                POLICY, new MovableClock(T0), REFRESH).publishedKeys();
        assertThat(store.get(key).orElseThrow()).contains("\"v1:next:").doesNotContain("\"v1:test:");
        // The old KEK dropped: the keys still open and sign.
        SigningKeyRing newKekOnly = new SigningKeyRing(store, key, SecretSealer.parse(newKek), POLICY, new MovableClock(T0), REFRESH);
        assertThat(newKekOnly.signingKey(SigningAlgorithm.RS256).privateJwk().isPrivate()).isTrue();
    }

    @Test
    void aNewKeyIsPublishedAheadOfSigningAndTheOldOneStaysUntilItsLastTokenExpires() throws Exception {
        String key = freshKey();
        MovableClock clock = new MovableClock(T0);
        SigningKeyRing ring = new SigningKeyRing(new RedisKeyValueStore(redis), key, SEALER, POLICY, clock, REFRESH);
        SigningKeyRing.ActiveKey first = ring.signingKey(SigningAlgorithm.RS256);
        JWSObject lastOfFirst = sign(first);

        // The start of the publish-ahead window: the successor is published now and signs at the rotation period's end.
        clock.set(T0.plus(Duration.ofDays(30)).minus(POLICY.publishAhead()));
        List<String> publishedAhead = kids(ring);
        assertThat(publishedAhead).as("the successor is published within the publish-ahead").hasSize(4).contains(first.kid());
        assertThat(ring.signingKey(SigningAlgorithm.RS256).kid()).as("but does not sign yet").isEqualTo(first.kid());
        lastOfFirst = sign(ring.signingKey(SigningAlgorithm.RS256));

        clock.set(T0.plus(Duration.ofDays(30)));
        SigningKeyRing.ActiveKey second = ring.signingKey(SigningAlgorithm.RS256);
        assertThat(second.kid()).isNotEqualTo(first.kid()).isIn(publishedAhead);

        clock.set(T0.plus(Duration.ofDays(30)).plus(POLICY.retention()).minusSeconds(61));
        assertThat(kids(ring)).as("the first key's last token has not expired: still published").contains(first.kid());
        assertThat(verifies(lastOfFirst, ring)).isTrue();

        clock.set(T0.plus(Duration.ofDays(30)).plus(POLICY.retention()).plusSeconds(61));
        assertThat(kids(ring)).as("its last token has expired: gone").doesNotContain(first.kid()).contains(second.kid());
        assertThat(verifies(lastOfFirst, ring)).isFalse();
    }

    @Test
    void twoInstancesRotatingAtOnceAgreeOnOneSuccessor() {
        String key = freshKey();
        RedisKeyValueStore store = new RedisKeyValueStore(redis);
        MovableClock clock = new MovableClock(T0);
        SigningKeyRing b = new SigningKeyRing(store, key, SEALER, POLICY, clock, REFRESH);
        // Instance a reads the set, decides to rotate, and before it writes, instance b rotates the same set.
        InterleavingStore interleaved = new InterleavingStore(store, () -> b.current(clock.instant()));
        SigningKeyRing a = new SigningKeyRing(interleaved, key, SEALER, POLICY, clock, REFRESH);

        String firstA = a.signingKey(SigningAlgorithm.ES384).kid();
        assertThat(interleaved.interleavings).as("the first keys: b created them while a was deciding").isEqualTo(1);
        assertThat(b.signingKey(SigningAlgorithm.ES384).kid()).isEqualTo(firstA);

        clock.set(T0.plus(Duration.ofDays(30)).minus(Duration.ofMinutes(30)));
        interleaved.armed = true;
        assertThat(kids(a)).hasSize(4);
        assertThat(interleaved.interleavings).isEqualTo(2);
        assertThat(kids(b)).containsExactlyInAnyOrderElementsOf(kids(a));

        clock.set(T0.plus(Duration.ofDays(30)));
        SigningKeySet stored = SigningKeyRing.read(RedisProbe.ofLocalInfrastructure().get(key));
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            assertThat(stored.keys().stream().filter(k -> k.algorithm() == algorithm && k.signsAt(clock.instant())).count())
                    .as("never two active %s keys", algorithm).isEqualTo(1);
        }
        assertThat(a.signingKey(SigningAlgorithm.RS256).kid()).isEqualTo(b.signingKey(SigningAlgorithm.RS256).kid());
    }

    private static JWSObject sign(SigningKeyRing.ActiveKey key) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(key.algorithm().jws()).keyID(key.kid()).build(),
                new Payload("{\"sub\":\"x\"}"));
        jws.sign(key.algorithm().signer(key.privateJwk()));
        return JWSObject.parse(jws.serialize());
    }

    private static boolean verifies(JWSObject jws, SigningKeyRing ring) throws Exception {
        JWK published = ring.publishedKeys().getKeyByKeyId(jws.getHeader().getKeyID());
        if (published == null) {
            return false;
        }
        return jws.verify(published.getKeyType().getValue().equals("RSA") ? new RSASSAVerifier(published.toRSAKey())
                : new ECDSAVerifier(published.toECKey()));
    }

    private static List<String> kids(SigningKeyRing ring) {
        return ring.publishedKeys().getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** The real store, letting another instance write between this instance's read and its write, once per arming. */
    private static final class InterleavingStore implements KeyValueStore {
        private final KeyValueStore store;
        private final Runnable other;
        volatile boolean armed = true;
        int interleavings;

        InterleavingStore(KeyValueStore store, Runnable other) {
            this.store = store;
            this.other = other;
        }

        private void interleave() {
            if (armed) {
                armed = false;
                interleavings++;
                other.run();
            }
        }

        @Override
        public Optional<String> get(String key) {
            return store.get(key);
        }

        @Override
        public boolean create(String key, String value, String index, String member) {
            interleave();
            return store.create(key, value, index, member);
        }

        @Override
        public boolean replace(String key, String expected, String value) {
            interleave();
            return store.replace(key, expected, value);
        }

        @Override
        public boolean delete(String key, String expected, String index, String member) {
            return store.delete(key, expected, index, member);
        }

        @Override
        public Set<String> members(String index) {
            return store.members(index);
        }

        @Override
        public void addMember(String index, String member) {
            store.addMember(index, member);
        }

        @Override
        public void removeMember(String index, String member) {
            store.removeMember(index, member);
        }
    }
}

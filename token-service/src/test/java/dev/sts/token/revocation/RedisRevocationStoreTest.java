package dev.sts.token.revocation;

import dev.sts.core.revocation.Revocation;
import dev.sts.support.RedisRevocationStore;
import dev.sts.testing.InfrastructureTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Revocations in the tests' own real Redis: a write can make a stored revocation stronger, never weaker. */
@QuarkusTest
@WithTestResource(value = InfrastructureTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "service", value = "token-service"))
class RedisRevocationStoreTest {
    @Inject
    RedisDataSource redis;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aSessionRevocationWithAnEarlierExpiryArrivingLaterDoesNotShortenTheStoredOne() {
        RedisRevocationStore store = new RedisRevocationStore(redis);
        String keyId = "ASIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        Revocation longer = new Revocation(Revocation.Scope.SESSION, keyId, now, now.plus(Duration.ofHours(12)));
        Revocation laterButShorter = new Revocation(Revocation.Scope.SESSION, keyId, now.plusSeconds(5),
                now.plus(Duration.ofMinutes(15)));
        store.save(longer);
        store.save(laterButShorter);
        // The later cut-off and the later expiry, together; and Redis keeps the key as long as the longer one.
        assertThat(stored(store, keyId)).isEqualTo(new Revocation(Revocation.Scope.SESSION, keyId, now.plusSeconds(5),
                now.plus(Duration.ofHours(12))));
        long ttl = redis.key(String.class).pttl("sts:revocation:v2:session:" + keyId);
        assertThat(ttl).isGreaterThan(Duration.ofHours(11).toMillis());
    }

    @Test
    void anEarlierCutOffNeverNarrowsAPrincipalRevocationAndALaterOneWidensIt() {
        RedisRevocationStore store = new RedisRevocationStore(redis);
        String principal = "arn:aws:iam::111111111111:user/r" + UUID.randomUUID().toString().substring(0, 8);
        store.save(Revocation.ofPrincipal(principal, now, now));
        store.save(Revocation.ofPrincipal(principal, now.minusSeconds(3600), now.minusSeconds(3600)));
        assertThat(stored(store, principal)).isEqualTo(Revocation.ofPrincipal(principal, now, now));
        // Positive control: a later cut-off does replace it.
        store.save(Revocation.ofPrincipal(principal, now.plusSeconds(10), now.plusSeconds(10)));
        assertThat(stored(store, principal)).isEqualTo(Revocation.ofPrincipal(principal, now.plusSeconds(10), now.plusSeconds(10)));
    }

    @Test
    void aRecordOfTheFormerLayoutIsReadAndNeverOverwritten() {
        RedisRevocationStore store = new RedisRevocationStore(redis);
        String role = "arn:aws:iam::111111111111:role/R" + UUID.randomUUID().toString().substring(0, 8);
        Revocation old = Revocation.ofRole(role, now, now);
        redis.value(String.class).set("sts:revocation:" + old.key(), old.toJson());
        store.save(Revocation.ofRole(role, now.minusSeconds(60), now.minusSeconds(60)));
        assertThat(store.all()).filteredOn(r -> r.target().equals(role))
                .containsExactlyInAnyOrder(old, Revocation.ofRole(role, now.minusSeconds(60), now.minusSeconds(60)));
        assertThat(redis.value(String.class).get("sts:revocation:" + old.key())).isEqualTo(old.toJson());
        redis.key(String.class).del("sts:revocation:" + old.key());
    }

    private static Revocation stored(RedisRevocationStore store, String target) {
        return store.all().stream().filter(r -> r.target().equals(target)).findFirst().orElseThrow();
    }
}

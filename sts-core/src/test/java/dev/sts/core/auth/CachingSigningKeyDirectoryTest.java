package dev.sts.core.auth;

import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.iam.LongTermSigningKey;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.sigv4.CredentialScope;
import dev.sts.core.sigv4.SigningKeys;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CachingSigningKeyDirectoryTest {
    private static final CredentialScope TODAY = new CredentialScope("20261123", "us-east-1", "sts");
    private static final CredentialScope TOMORROW = new CredentialScope("20261124", "us-east-1", "sts");

    private final Map<String, LongTermCredential> source = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private final SigningKeyDirectory counting = SigningKeyDirectory.deriving(id -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(source.get(id));
    });
    private final CachingSigningKeyDirectory cache = new CachingSigningKeyDirectory(counting, clock,
            Duration.ofSeconds(60), Duration.ofSeconds(5), 3);

    @Test
    void answersRepeatLookupsFromMemoryUntilTheTtl() {
        source.put("AKIA1", credential("AKIA1", true));
        cache.find("AKIA1", TODAY);
        cache.find("AKIA1", TODAY);
        assertThat(lookups).hasValue(1);
        clock.advance(Duration.ofSeconds(61));
        cache.find("AKIA1", TODAY);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void invalidationMakesTheNextLookupSeeTheChange() {
        source.put("AKIA1", credential("AKIA1", true));
        assertThat(cache.find("AKIA1", TODAY).orElseThrow().active()).isTrue();
        source.put("AKIA1", credential("AKIA1", false));
        cache.invalidate("AKIA1");
        assertThat(cache.find("AKIA1", TODAY).orElseThrow().active()).isFalse();
    }

    @Test
    void unknownKeysAreRememberedOnlyBriefly() {
        cache.find("AKIA404", TODAY);
        cache.find("AKIA404", TODAY);
        assertThat(lookups).hasValue(1);
        clock.advance(Duration.ofSeconds(6));
        source.put("AKIA404", credential("AKIA404", true));
        assertThat(cache.find("AKIA404", TODAY)).isPresent();
    }

    @Test
    void anInvalidationDuringALookupIsNotOverwritten() {
        source.put("AKIA1", credential("AKIA1", true));
        CachingSigningKeyDirectory[] self = new CachingSigningKeyDirectory[1];
        self[0] = new CachingSigningKeyDirectory(SigningKeyDirectory.deriving(id -> {
            Optional<LongTermCredential> stale = Optional.ofNullable(source.get(id));
            source.put(id, credential(id, false));
            self[0].invalidate(id);
            return stale;
        }), clock, Duration.ofSeconds(60), Duration.ofSeconds(5), 10);
        self[0].find("AKIA1", TODAY);
        source.put("AKIA1", credential("AKIA1", false));
        assertThat(self[0].find("AKIA1", TODAY).orElseThrow().active()).isFalse();
    }

    @Test
    void staysBoundedWhileTheMostRecentAnswerIsKept() {
        for (int i = 0; i < 1_000; i++) {
            cache.find("AKIA" + i, TODAY);
        }
        assertThat(lookups).hasValue(1_000);
        cache.find("AKIA999", TODAY);
        assertThat(lookups).as("the latest answer is still held").hasValue(1_000);
        for (int i = 0; i < 1_000; i++) {
            cache.find("AKIA" + i, TODAY);
        }
        assertThat(lookups.get()).as("at most 3 of 1,000 keys were held").isGreaterThanOrEqualTo(1_997);
    }

    @Test
    void keepsOneKeyPerScopeAndNeverTheSecret() {
        source.put("AKIA1", credential("AKIA1", true));
        LongTermSigningKey today = cache.find("AKIA1", TODAY).orElseThrow();
        LongTermSigningKey tomorrow = cache.find("AKIA1", TOMORROW).orElseThrow();
        assertThat(lookups).as("each scope is its own answer").hasValue(2);
        assertThat(today.signingKey()).isEqualTo(SigningKeys.derive("secret", TODAY))
                .isNotEqualTo(tomorrow.signingKey());
        assertThat(today.toString()).doesNotContain("secret");
        cache.find("AKIA1", TOMORROW);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void invalidatingAKeyDropsItsEveryScopeAndOnlyIts() {
        source.put("AKIA1", credential("AKIA1", true));
        source.put("AKIA2", credential("AKIA2", true));
        CachingSigningKeyDirectory roomy = new CachingSigningKeyDirectory(counting, clock, Duration.ofSeconds(60),
                Duration.ofSeconds(5), 100);
        roomy.find("AKIA1", TODAY);
        roomy.find("AKIA1", TOMORROW);
        roomy.find("AKIA2", TODAY);
        source.put("AKIA1", credential("AKIA1", false));
        roomy.invalidate("AKIA1");
        assertThat(roomy.find("AKIA1", TODAY).orElseThrow().active()).isFalse();
        assertThat(roomy.find("AKIA1", TOMORROW).orElseThrow().active()).isFalse();
        int before = lookups.get();
        roomy.find("AKIA2", TODAY);
        assertThat(lookups).as("another key's answer stays cached").hasValue(before);
    }

    private static LongTermCredential credential(String id, boolean active) {
        return new LongTermCredential(id, "secret", active, CallerIdentity.root("111111111111"));
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-23T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

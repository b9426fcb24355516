package dev.sts.federation.outbound;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rotation rules alone, with a clock moved by hand and keys that are only names. */
class SigningKeySetTest {
    private static final KeyRotationPolicy POLICY = new KeyRotationPolicy(Duration.ofDays(30), Duration.ofHours(1),
            Duration.ofSeconds(3600 + 60));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final List<String> created = new ArrayList<>();

    private SigningKey key(SigningAlgorithm algorithm, Instant createdAt, Instant activeFrom) {
        String kid = algorithm + "-" + created.size();
        created.add(kid);
        return new SigningKey(kid, algorithm, "{}", "v1:k:sealed", createdAt, activeFrom, null);
    }

    @Test
    void theFirstKeyOfEachAlgorithmSignsAtOnce() {
        SigningKeySet set = SigningKeySet.empty().rotate(T0, POLICY, this::key);

        assertThat(set.keys()).hasSize(2);
        assertThat(set.signing(SigningAlgorithm.RS256, T0)).isPresent();
        assertThat(set.signing(SigningAlgorithm.ES384, T0)).isPresent();
        assertThat(set.rotate(T0.plusSeconds(60), POLICY, this::key)).as("nothing due: the very same set").isSameAs(set);
    }

    @Test
    void aSuccessorDecidedLateStillGetsTheWholePublishAhead() {
        SigningKeySet first = SigningKeySet.empty().rotate(T0, POLICY, this::key);
        Instant late = T0.plus(Duration.ofDays(45));

        SigningKeySet rotated = first.rotate(late, POLICY, this::key);

        SigningKey successor = rotated.keys().stream().filter(key -> key.createdAt().equals(late)
                && key.algorithm() == SigningAlgorithm.RS256).findFirst().orElseThrow();
        assertThat(successor.activeFrom()).isEqualTo(late.plus(POLICY.publishAhead()));
        assertThat(rotated.signing(SigningAlgorithm.RS256, late).orElseThrow().kid()).as("the old key signs meanwhile")
                .isEqualTo(first.signing(SigningAlgorithm.RS256, T0).orElseThrow().kid());
    }

    @Test
    void aSuccessorIsPublishedAheadAndSignsOnlyWhenItsPredecessorRetires() {
        SigningKeySet first = SigningKeySet.empty().rotate(T0, POLICY, this::key);
        String firstRs = first.signing(SigningAlgorithm.RS256, T0).orElseThrow().kid();

        Instant beforeDue = T0.plus(Duration.ofDays(30)).minus(Duration.ofHours(1)).minusSeconds(1);
        assertThat(first.rotate(beforeDue, POLICY, this::key)).as("control: not yet within the publish-ahead").isSameAs(first);

        Instant publishAt = beforeDue.plusSeconds(1);
        SigningKeySet rotated = first.rotate(publishAt, POLICY, this::key);
        assertThat(rotated.keys()).as("a successor per algorithm, published now").hasSize(4);
        assertThat(rotated.signing(SigningAlgorithm.RS256, publishAt).orElseThrow().kid())
                .as("the old key still signs while the new one is only published").isEqualTo(firstRs);

        Instant switchAt = T0.plus(Duration.ofDays(30));
        SigningKey successor = rotated.signing(SigningAlgorithm.RS256, switchAt).orElseThrow();
        assertThat(successor.kid()).isNotEqualTo(firstRs);
        assertThat(Duration.between(successor.createdAt(), successor.activeFrom())).isGreaterThanOrEqualTo(POLICY.publishAhead());
        assertThat(rotated.signing(SigningAlgorithm.RS256, switchAt.minusMillis(1)).orElseThrow().kid()).isEqualTo(firstRs);
    }

    @Test
    void exactlyOneKeySignsPerAlgorithmAtEveryInstantThroughSeveralRotations() {
        SigningKeySet set = SigningKeySet.empty();
        for (Instant now = T0; now.isBefore(T0.plus(Duration.ofDays(100))); now = now.plus(Duration.ofMinutes(20))) {
            set = set.rotate(now, POLICY, this::key);
            for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
                Instant at = now;
                assertThat(set.keys().stream().filter(key -> key.algorithm() == algorithm && key.signsAt(at)).count())
                        .as("%s at %s", algorithm, now).isEqualTo(1);
            }
        }
        assertThat(created.size()).as("a key per algorithm per 30 days, and no more").isBetween(8, 10);
    }

    @Test
    void aRetiredKeyStaysPublishedUntilItsLastTokenHasExpired() {
        SigningKeySet set = SigningKeySet.empty().rotate(T0, POLICY, this::key);
        String firstRs = set.signing(SigningAlgorithm.RS256, T0).orElseThrow().kid();
        Instant retiredAt = T0.plus(Duration.ofDays(30));
        set = set.rotate(retiredAt.minus(POLICY.publishAhead()), POLICY, this::key);
        assertThat(set.keys().stream().filter(key -> key.kid().equals(firstRs)).findFirst().orElseThrow().retiredAt())
                .isEqualTo(retiredAt);

        SigningKeySet lastTokenStillValid = set.rotate(retiredAt.plus(POLICY.retention()).minusSeconds(1), POLICY, this::key);
        assertThat(lastTokenStillValid.keys()).extracting(SigningKey::kid).as("a token signed just before retirement still verifies")
                .contains(firstRs);

        SigningKeySet after = lastTokenStillValid.rotate(retiredAt.plus(POLICY.retention()), POLICY, this::key);
        assertThat(after.keys()).extracting(SigningKey::kid).doesNotContain(firstRs);
        assertThat(after.signing(SigningAlgorithm.RS256, retiredAt.plus(POLICY.retention()))).isPresent();
    }
}

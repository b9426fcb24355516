package dev.sts.federation.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outbound signing keys of every algorithm, shared by all instances, and the rules by which they rotate. Per
 * algorithm, exactly one key signs at any instant: a successor is generated when its predecessor is within the
 * publish-ahead of its rotation period, published at once, and signs from {@code activeFrom}, the instant its
 * predecessor is retired. A retired key stays published for the retention (its last token's lifetime), then goes.
 * The very first key of an algorithm signs at once: there is no earlier JWKS a verifier could have cached.
 *
 * @param keys every published key (pending, signing and retired)
 */
public record SigningKeySet(List<SigningKey> keys) {
    /** Makes a new key for an algorithm, to be published from {@code createdAt} and sign from {@code activeFrom}. */
    @FunctionalInterface
    public interface KeyFactory {
        SigningKey create(SigningAlgorithm algorithm, Instant createdAt, Instant activeFrom);
    }

    public SigningKeySet {
        keys = List.copyOf(keys);
    }

    public static SigningKeySet empty() {
        return new SigningKeySet(List.of());
    }

    /** The key that signs with {@code algorithm} at {@code now}. */
    public Optional<SigningKey> signing(SigningAlgorithm algorithm, Instant now) {
        return keys.stream().filter(key -> key.algorithm() == algorithm && key.signsAt(now))
                .max(Comparator.comparing(SigningKey::activeFrom));
    }

    /**
     * The set as it should be at {@code now}: expired retired keys dropped, a first key for each algorithm that has
     * none, and a successor for each signing key that is due. Returns this very set when nothing changes.
     */
    public SigningKeySet rotate(Instant now, KeyRotationPolicy policy, KeyFactory factory) {
        List<SigningKey> next = new ArrayList<>(keys.stream()
                .filter(key -> key.retired().map(at -> now.isBefore(at.plus(policy.retention()))).orElse(true))
                .toList());
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            boolean pending = next.stream().anyMatch(key -> key.algorithm() == algorithm && key.activeFrom().isAfter(now));
            if (pending) {
                continue;
            }
            Optional<SigningKey> current = new SigningKeySet(next).signing(algorithm, now);
            if (current.isEmpty()) {
                next.add(factory.create(algorithm, now, now));
                continue;
            }
            Instant due = current.get().activeFrom().plus(policy.rotationPeriod());
            if (!now.isBefore(due.minus(policy.publishAhead()))) {
                Instant activeFrom = max(now.plus(policy.publishAhead()), due);
                next.set(next.indexOf(current.get()), current.get().retire(activeFrom));
                next.add(factory.create(algorithm, now, activeFrom));
            }
        }
        return next.equals(keys) ? this : new SigningKeySet(next);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

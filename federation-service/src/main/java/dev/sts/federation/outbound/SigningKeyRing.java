package dev.sts.federation.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.sts.core.crypto.SecretSealer;
import dev.sts.core.port.KeyValueStore;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbound signing keys as every instance shares them: one document in Redis ({@value #KEY}), read at most every
 * {@code refresh} and rotated when due ({@link SigningKeySet#rotate}). Instances agree through compare-and-set: the
 * document is created only if absent and replaced only if unchanged since read, so two instances that rotate at once
 * never both add a key: the loser re-reads the winner's set. Private parts are sealed under the KEK, bound to the
 * key's id; they are opened in memory only, and never logged.
 */
public final class SigningKeyRing {
    /** The Redis key of the key set (federation-service's Redis user owns {@code sts:federation:*}). */
    public static final String KEY = "sts:federation:signing-keys";
    /** The index {@link KeyValueStore#create} also writes; it lists the one document. */
    static final String INDEX = "sts:federation:documents";
    private static final int MAX_ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(SigningKeyRing.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final KeyValueStore store;
    private final String key;
    private final SecretSealer sealer;
    private final KeyRotationPolicy policy;
    private final Clock clock;
    private final Duration refresh;
    private final SecureRandom random = new SecureRandom();
    /** Opened private keys by kid; a kid never names two keys. */
    private final Map<String, JWK> opened = new ConcurrentHashMap<>();
    private volatile Loaded loaded;

    /** A key ready to sign: its kid and the JWK with its private part. */
    public record ActiveKey(String kid, SigningAlgorithm algorithm, JWK privateJwk) {
        @Override
        public String toString() {
            return "ActiveKey[" + kid + ", " + algorithm + "]";
        }
    }

    private record Loaded(SigningKeySet set, Instant at) {
    }

    /** The ring over the one shared key set, {@value #KEY}. */
    public SigningKeyRing(KeyValueStore store, SecretSealer sealer, KeyRotationPolicy policy, Clock clock, Duration refresh) {
        this(store, KEY, sealer, policy, clock, refresh);
    }

    /** The ring over the key set stored under {@code key} (tests keep theirs apart from the service's). */
    SigningKeyRing(KeyValueStore store, String key, SecretSealer sealer, KeyRotationPolicy policy, Clock clock,
                   Duration refresh) {
        this.store = store;
        this.key = key;
        this.sealer = sealer;
        this.policy = policy;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** The key that signs with {@code algorithm} now, its private part opened. */
    public ActiveKey signingKey(SigningAlgorithm algorithm) {
        Instant now = clock.instant();
        SigningKey signing = current(now).signing(algorithm, now).orElseThrow(() -> new IllegalStateException(
                "No " + algorithm + " signing key is active"));
        return new ActiveKey(signing.kid(), algorithm, opened.computeIfAbsent(signing.kid(), kid -> open(signing)));
    }

    /** The published JWKS: every key's public part, never a private one. */
    public JWKSet publishedKeys() {
        List<JWK> keys = current(clock.instant()).keys().stream().map(SigningKeyRing::publicJwk).toList();
        return new JWKSet(keys);
    }

    /** The key set as of now, re-read (and rotated) when the copy in memory is older than the refresh interval. */
    SigningKeySet current(Instant now) {
        Loaded copy = loaded;
        if (copy != null && now.isBefore(copy.at().plus(refresh)) && !now.isBefore(copy.at())) {
            return copy.set();
        }
        synchronized (this) {
            copy = loaded;
            if (copy != null && now.isBefore(copy.at().plus(refresh)) && !now.isBefore(copy.at())) {
                return copy.set();
            }
            SigningKeySet set = load(now);
            loaded = new Loaded(set, now);
            // A key no longer published signs nothing more: its opened private part goes too.
            opened.keySet().retainAll(set.keys().stream().map(SigningKey::kid).toList());
            return set;
        }
    }

    private SigningKeySet load(Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<String> stored = store.get(key);
            SigningKeySet set = stored.map(SigningKeyRing::read).orElse(SigningKeySet.empty());
            SigningKeySet next = resealed(set.rotate(now, policy, this::create));
            if (next == set) {
                return set;
            }
            String written = write(next);
            boolean saved = stored.isPresent() ? store.replace(key, stored.get(), written) : store.create(key, written, INDEX, key);
            if (saved) {
                LOG.infof("Outbound signing keys rotated: %s", next.keys().stream()
                        .map(k -> k.kid() + "/" + k.algorithm() + " from " + k.activeFrom()
                                + (k.retiredAt() == null ? "" : " until " + k.retiredAt()))
                        .toList());
                return next;
            }
            // Another instance changed the set meanwhile: read its version and decide again.
        }
        throw new IllegalStateException("The outbound signing keys keep changing under this instance");
    }

    /**
     * {@code set} with every private part sealed under the active key-encryption key: after {@code ./sts rotate-kek}
     * adds a new KEK ahead of the old, the next load seals the keys again, so the old KEK can go. A part that does not
     * open is left as it is (and refused when it would sign). The same instance when nothing needs sealing again.
     */
    private SigningKeySet resealed(SigningKeySet set) {
        List<SigningKey> keys = set.keys().stream().map(stored -> {
            if (!SecretSealer.isSealed(stored.sealedPrivate()) || !sealer.needsRewrap(stored.sealedPrivate())) {
                return stored;
            }
            return sealer.open(stored.sealedPrivate(), context(stored.kid()))
                    .map(pkcs8 -> stored.withSealedPrivate(sealer.seal(pkcs8, context(stored.kid()))))
                    .orElse(stored);
        }).toList();
        if (keys.equals(set.keys())) {
            return set;
        }
        LOG.infof("Outbound signing keys sealed again under key-encryption key %s", sealer.activeKeyId());
        return new SigningKeySet(keys);
    }

    private SigningKey create(SigningAlgorithm algorithm, Instant createdAt, Instant activeFrom) {
        byte[] id = new byte[10];
        random.nextBytes(id);
        String kid = algorithm.name().toLowerCase(java.util.Locale.ROOT) + "-" + HexFormat.of().formatHex(id);
        JWK jwk = algorithm.generate(kid);
        String sealed = sealer.seal(Base64.getEncoder().encodeToString(algorithm.pkcs8(jwk)), context(kid));
        return new SigningKey(kid, algorithm, jwk.toPublicJWK().toJSONString(), sealed, createdAt, activeFrom, null);
    }

    private JWK open(SigningKey stored) {
        // A value without the sealed form would be a private key in the clear: never accepted (SecretSealer#open
        // hands such a value back as it is).
        Optional<String> pkcs8 = SecretSealer.isSealed(stored.sealedPrivate())
                ? sealer.open(stored.sealedPrivate(), context(stored.kid())) : Optional.empty();
        if (pkcs8.isEmpty()) {
            throw new IllegalStateException("The private part of outbound signing key " + stored.kid()
                    + " does not open under the key-encryption key ring (STS_KEK)");
        }
        SigningAlgorithm algorithm = stored.algorithm();
        return algorithm.withPrivate(publicJwk(stored), algorithm.privateKey(Base64.getDecoder().decode(pkcs8.get())));
    }

    private static JWK publicJwk(SigningKey stored) {
        try {
            JWK jwk = JWK.parse(stored.publicJwk());
            if (jwk.isPrivate()) {
                throw new IllegalStateException("Stored outbound signing key " + stored.kid() + " has a private part in the clear");
            }
            return jwk;
        } catch (ParseException e) {
            throw new IllegalStateException("Stored outbound signing key " + stored.kid() + " is not a JWK", e);
        }
    }

    /** The sealing context: the record's key and the key's id, so a sealed value moved to another key does not open. */
    private String context(String kid) {
        return key + "/" + kid + "/private";
    }

    static SigningKeySet read(String stored) {
        try {
            return JSON.readValue(stored, SigningKeySet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored outbound signing keys do not parse", e);
        }
    }

    static String write(SigningKeySet set) {
        try {
            return JSON.writeValueAsString(set);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the outbound signing keys", e);
        }
    }
}

package dev.sts.federation.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.sts.core.federation.OidcProvider;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The public keys of each provider's issuer: the JWKS registered with the provider when it has one, else the key set
 * named by the issuer's discovery document ({@code <issuer>/.well-known/openid-configuration} → {@code jwks_uri}).
 *
 * <p>Fetched keys are kept per issuer for {@code jwksTtl}. A token whose {@code kid} is not among them makes a refresh,
 * at most once per {@code minRefreshInterval} per issuer. One fetch per issuer is in flight at a time (other callers
 * wait on it, for a bounded time), at most {@code maxConcurrentFetches} in all, and a failed fetch is remembered for
 * {@code failureTtl}, during which that issuer's tokens fail at once: a hanging or failing issuer costs a bounded time
 * and never holds up the service or other issuers.
 */
final class IssuerKeys {
    private static final Logger LOG = Logger.getLogger(IssuerKeys.class);
    /** More keys than any issuer publishes; a larger set is refused as garbage. */
    static final int MAX_KEYS = 100;
    /** The most characters of registered JWKS documents kept parsed, all providers together. */
    private static final long REGISTERED_JWKS_CHARS = 8L << 20;

    /** One issuer's fetched keys and when they were fetched (ticker nanos). */
    private record Fetched(JWKSet keys, long fetchedAt) {
    }

    private final IssuerHttpClient http;
    private final Ticker ticker;
    private final long minRefreshNanos;
    private final long waitMillis;
    private final Cache<String, Fetched> fetched;
    private final Cache<String, Boolean> failures;
    private final Cache<String, JWKSet> registered;
    private final Map<String, CompletableFuture<Fetched>> inFlight = new ConcurrentHashMap<>();
    private final Semaphore fetchSlots;

    IssuerKeys(IssuerHttpClient http, OidcSettings settings, Ticker ticker) {
        this.http = http;
        this.ticker = ticker;
        this.minRefreshNanos = settings.minRefreshInterval().toNanos();
        // Discovery then the key set, each bounded by the fetch timeout; a little more for the hand-over.
        this.waitMillis = settings.fetchTimeout().multipliedBy(2).plus(Duration.ofMillis(500)).toMillis();
        this.fetched = Caffeine.newBuilder().expireAfterWrite(settings.jwksTtl()).maximumSize(10_000).ticker(ticker).build();
        this.failures = Caffeine.newBuilder().expireAfterWrite(settings.failureTtl()).maximumSize(10_000).ticker(ticker).build();
        // Keyed by the registered document itself, so a provider's new JWKS is a new entry; bounded by the documents' size.
        this.registered = Caffeine.newBuilder().maximumWeight(REGISTERED_JWKS_CHARS)
                .weigher((String text, JWKSet keys) -> text.length()).build();
        this.fetchSlots = new Semaphore(settings.maxConcurrentFetches());
    }

    /**
     * The keys to verify a token of {@code provider} with; refreshed first if none has {@code kid} (when given) and the
     * last fetch is old enough.
     *
     * @throws dev.sts.core.error.StsException IDPCommunicationError when the keys cannot be fetched; InvalidIdentityToken
     *                                         when a registered JWKS cannot be read
     */
    JWKSet keysFor(OidcProvider provider, String kid) {
        if (provider.registeredJwks().isPresent()) {
            String jwks = provider.registeredJwks().get();
            JWKSet keys = registered.get(jwks, text -> {
                try {
                    return parseKeySet(text);
                } catch (ParseException e) {
                    return null;
                }
            });
            if (keys == null) {
                throw WebIdentityRefusals.keysUnavailable();
            }
            return keys;
        }
        String issuer = provider.issuer();
        Fetched known = fetched.getIfPresent(issuer);
        if (known != null && (kid == null || known.keys().getKeyByKeyId(kid) != null
                || ticker.read() - known.fetchedAt() < minRefreshNanos)) {
            return known.keys();
        }
        if (failures.getIfPresent(issuer) != null) {
            throw WebIdentityRefusals.keysUnavailable();
        }
        return fetch(issuer).keys();
    }

    private Fetched fetch(String issuer) {
        CompletableFuture<Fetched> mine = new CompletableFuture<>();
        CompletableFuture<Fetched> running = inFlight.putIfAbsent(issuer, mine);
        if (running == null) {
            running = mine;
            start(issuer, mine);
        }
        try {
            return running.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw WebIdentityRefusals.keysUnavailable();
        } catch (ExecutionException | TimeoutException e) {
            throw WebIdentityRefusals.keysUnavailable();
        }
    }

    private void start(String issuer, CompletableFuture<Fetched> result) {
        if (!fetchSlots.tryAcquire()) {
            // Too many issuers at once: this one fails now, without being remembered as failing.
            inFlight.remove(issuer, result);
            result.completeExceptionally(new IllegalStateException("too many fetches in flight"));
            return;
        }
        CompletableFuture<Fetched> pipeline;
        try {
            pipeline = http.get(discoveryUri(issuer))
                    .thenCompose(document -> http.get(jwksUri(document)))
                    .thenApply(text -> {
                        try {
                            return new Fetched(parseKeySet(text), ticker.read());
                        } catch (ParseException e) {
                            throw new IllegalStateException("the key set is not a JWKS");
                        }
                    });
        } catch (RuntimeException e) {
            pipeline = CompletableFuture.failedFuture(e);
        }
        pipeline.whenComplete((keys, failure) -> {
            fetchSlots.release();
            if (failure == null) {
                fetched.put(issuer, keys);
                failures.invalidate(issuer);
            } else {
                failures.put(issuer, Boolean.TRUE);
                // The issuer's address is configuration, not a secret; the cause says what went wrong, never a token.
                LOG.warnf("Could not fetch the keys of issuer %s: %s", issuer, describe(failure));
            }
            inFlight.remove(issuer, result);
            if (failure == null) {
                result.complete(keys);
            } else {
                result.completeExceptionally(failure);
            }
        });
    }

    private URI discoveryUri(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        try {
            return new URI(base + "/.well-known/openid-configuration");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the issuer is not a URL");
        }
    }

    private URI jwksUri(String discoveryDocument) {
        Object value;
        try {
            value = JSONObjectUtils.parse(discoveryDocument).get("jwks_uri");
        } catch (ParseException e) {
            throw new IllegalStateException("the discovery document is not JSON");
        }
        if (!(value instanceof String text) || text.length() > 2048) {
            throw new IllegalStateException("the discovery document has no jwks_uri");
        }
        try {
            URI uri = new URI(text);
            if (!http.fetchable(uri)) {
                throw new IllegalStateException("the jwks_uri is not https");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the jwks_uri is not a URL");
        }
    }

    /** A key set of at most {@link #MAX_KEYS} keys, public parts only. */
    static JWKSet parseKeySet(String text) throws ParseException {
        JWKSet set = JWKSet.parse(text);
        if (set.getKeys().size() > MAX_KEYS) {
            throw new ParseException("too many keys", 0);
        }
        return new JWKSet(set.getKeys().stream().map(JWK::toPublicJWK).filter(java.util.Objects::nonNull).toList());
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": "
                + (message.length() > 200 ? message.substring(0, 200) : message));
    }
}

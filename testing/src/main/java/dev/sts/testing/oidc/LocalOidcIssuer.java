package dev.sts.testing.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real OpenID Connect issuer for tests, on {@code 127.0.0.1} over plain HTTP (the local profile's loopback issuers):
 * it serves {@code <issuer>/.well-known/openid-configuration} and the JWKS its {@code jwks_uri} names, with keys
 * generated when it starts (RSA 2048, EC P-256, EC P-384), and signs tokens with any header and claims, so a test can
 * make both the valid token and each malformed one the same way.
 *
 * <pre>{@code
 * try (LocalOidcIssuer issuer = LocalOidcIssuer.start()) {
 *     String token = issuer.rs256(issuer.claims("my-client", "subject-1"));
 *     // register issuer.issuer() (or issuer.url(), HOST:PORT/PATH) as an OIDC provider with client id my-client
 * }
 * }</pre>
 *
 * <p>Beyond a well-behaved issuer, it can rotate its keys ({@link #rotate}), make its JWKS endpoint hang
 * ({@link #hangJwks}) or answer garbage ({@link #serveGarbageJwks}), and counts the JWKS requests it served.
 */
public final class LocalOidcIssuer implements AutoCloseable {
    /** Each issuer's path, unique in the JVM so that two issuers never share an issuer URL. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** What the JWKS endpoint answers. */
    public enum JwksMode { NORMAL, HANG, GARBAGE }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String issuer;
    private final AtomicReference<RSAKey> rsa = new AtomicReference<>();
    private final AtomicReference<ECKey> p256 = new AtomicReference<>();
    private final AtomicReference<ECKey> p384 = new AtomicReference<>();
    private final List<JWK> retired = new ArrayList<>();
    private final AtomicReference<JwksMode> mode = new AtomicReference<>(JwksMode.NORMAL);
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);

    private LocalOidcIssuer(String path) throws IOException {
        generateKeys();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "local-oidc-issuer");
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        server.createContext(path + "/.well-known/openid-configuration", this::discovery);
        server.createContext(path + "/jwks", this::jwks);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts an issuer on a free loopback port, at a path of its own ({@code /issuer-N}). */
    public static LocalOidcIssuer start() {
        return start("/issuer-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Starts an issuer on a free loopback port at {@code path} (starts with '/', no trailing slash). */
    public static LocalOidcIssuer start(String path) {
        try {
            return new LocalOidcIssuer(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local OIDC issuer", e);
        }
    }

    /** The issuer exactly as its tokens carry it in {@code iss}: {@code http://127.0.0.1:PORT/PATH}. */
    public String issuer() {
        return issuer;
    }

    /** The issuer without its scheme, {@code 127.0.0.1:PORT/PATH}: what an OIDC provider's ARN and Url name. */
    public String url() {
        return issuer.substring("http://".length());
    }

    /** The JWKS endpoint ({@code jwks_uri}). */
    public String jwksUri() {
        return issuer + "/jwks";
    }

    /** The public JWKS document it publishes (to register with a provider instead of discovery). */
    public String publicJwks() {
        List<JWK> keys = new ArrayList<>(List.of(rsa.get().toPublicJWK(), p256.get().toPublicJWK(), p384.get().toPublicJWK()));
        synchronized (retired) {
            retired.forEach(key -> keys.add(key.toPublicJWK()));
        }
        return new JWKSet(keys).toString(true);
    }

    /** The current RSA signing key's id. */
    public String rsaKeyId() {
        return rsa.get().getKeyID();
    }

    /** The current RSA key's public part in X.509 encoding (for key-confusion tokens: HS256 keyed with it). */
    public byte[] rsaPublicKeyBytes() {
        try {
            return rsa.get().toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * New keys with new ids. With {@code keepOld}, the old public keys stay in the JWKS (a rotation in progress);
     * without, tokens signed by them no longer validate.
     */
    public void rotate(boolean keepOld) {
        List<JWK> old = List.of(rsa.get(), p256.get(), p384.get());
        generateKeys();
        synchronized (retired) {
            if (!keepOld) {
                retired.clear();
            } else {
                retired.addAll(old);
            }
        }
    }

    /** The JWKS endpoint holds every request open (until {@link #serveNormally()} or close). */
    public void hangJwks() {
        mode.set(JwksMode.HANG);
    }

    /** The JWKS endpoint answers 200 with a body that is not a JWKS. */
    public void serveGarbageJwks() {
        mode.set(JwksMode.GARBAGE);
    }

    public void serveNormally() {
        mode.set(JwksMode.NORMAL);
    }

    /** JWKS requests served (or held) so far. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** Discovery requests served so far. */
    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    /**
     * The usual claims of a valid token: {@code iss}, {@code sub}, {@code aud} (one string), {@code iat} now and
     * {@code exp} in 10 minutes. A mutable map: change or remove any before signing.
     */
    public Map<String, Object> claims(String audience, String subject) {
        Map<String, Object> claims = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("iat", now);
        claims.put("exp", now + Duration.ofMinutes(10).toSeconds());
        return claims;
    }

    /** Signed RS256 by the current RSA key, header {@code alg}, {@code kid}, {@code typ JWT}. */
    public String rs256(Map<String, Object> claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsaKeyId()).type(com.nimbusds.jose.JOSEObjectType.JWT)
                .build(), claims);
    }

    /** Signed ES256 by the current P-256 key. */
    public String es256(Map<String, Object> claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(p256.get().getKeyID()).build(), claims);
    }

    /** Signed ES384 by the current P-384 key. */
    public String es384(Map<String, Object> claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID(p384.get().getKeyID()).build(), claims);
    }

    /**
     * Signs {@code claims} under {@code header} with this issuer's key for the header's algorithm (RS/PS: the RSA key;
     * ES256, ES384: the EC keys), whatever else the header says (a {@code kid}, {@code jku}, {@code jwk}, ...).
     */
    public String sign(JWSHeader header, Map<String, Object> claims) {
        JWSAlgorithm alg = header.getAlgorithm();
        try {
            JWSSigner signer;
            if (JWSAlgorithm.Family.RSA.contains(alg)) {
                signer = new RSASSASigner(rsa.get());
            } else if (JWSAlgorithm.ES256.equals(alg)) {
                signer = new ECDSASigner(p256.get());
            } else if (JWSAlgorithm.ES384.equals(alg)) {
                signer = new ECDSASigner(p384.get());
            } else {
                throw new IllegalArgumentException("No key of this issuer signs " + alg);
            }
            JWSObject object = new JWSObject(header, new Payload(claims));
            object.sign(signer);
            return object.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs with a key this issuer never published, e.g. an attacker's, under {@code header}. */
    public static String signWith(JWK key, JWSHeader header, Map<String, Object> claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsaKey ? new RSASSASigner(rsaKey) : new ECDSASigner((ECKey) key);
            JWSObject object = new JWSObject(header, new Payload(claims));
            object.sign(signer);
            return object.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh RSA 2048 key pair with {@code kid}, e.g. an attacker's. */
    public static RSAKey newRsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compact JWS assembled by hand: base64url of the header's JSON, of the claims' JSON, and of {@code signature}. */
    public static String compact(Map<String, Object> header, Map<String, Object> claims, byte[] signature) {
        return base64Url(JSONObjectUtils.toJSONString(header)) + "." + base64Url(JSONObjectUtils.toJSONString(claims))
                + "." + Base64URL.encode(signature);
    }

    /** {@code text}'s UTF-8 bytes in base64url, without padding. */
    public static String base64Url(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void generateKeys() {
        String generation = UUID.randomUUID().toString().substring(0, 8);
        try {
            rsa.set(new RSAKeyGenerator(2048).keyID("rsa-" + generation).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate());
            p256.set(new ECKeyGenerator(Curve.P_256).keyID("p256-" + generation).keyUse(KeyUse.SIGNATURE).generate());
            p384.set(new ECKeyGenerator(Curve.P_384).keyID("p384-" + generation).keyUse(KeyUse.SIGNATURE).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        discoveryRequests.incrementAndGet();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", jwksUri());
        document.put("response_types_supported", List.of("id_token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256", "ES256", "ES384"));
        respond(exchange, 200, JSONObjectUtils.toJSONString(document));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        switch (mode.get()) {
            case HANG -> {
                try {
                    // Held open without a byte of answer, until the test ends it.
                    while (mode.get() == JwksMode.HANG && !closing.await(50, TimeUnit.MILLISECONDS)) {
                        Thread.onSpinWait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            case GARBAGE -> respond(exchange, 200, "<html>this is not a key set</html>");
            default -> respond(exchange, 200, publicJwks());
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

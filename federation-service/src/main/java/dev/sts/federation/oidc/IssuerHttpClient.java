package dev.sts.federation.oidc;

import dev.sts.support.CappedBodySubscriber;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fetches issuers' discovery documents and key sets: GET only, no redirects, a connect timeout and a total timeout per
 * fetch (headers and body), a capped body read as it arrives, https with the system trust store plus an optional CA
 * bundle, and plain http only to loopback issuers when the local profile allows them. Asynchronous: a hanging issuer
 * holds no thread, only a timer.
 */
final class IssuerHttpClient {
    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;
    private final boolean allowLoopbackHttp;

    IssuerHttpClient(OidcSettings settings) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.connectTimeout());
        settings.caBundle().ifPresent(bundle -> builder.sslContext(sslContextWith(bundle)));
        this.client = builder.build();
        this.timeout = settings.fetchTimeout();
        this.maxBytes = settings.maxResponseBytes();
        this.allowLoopbackHttp = settings.allowLoopbackHttpIssuers();
    }

    /** Whether this client may fetch from {@code uri}: absolute https, or loopback http when allowed; no user info. */
    boolean fetchable(URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || (scheme.equals("http") && allowLoopbackHttp && isLoopback(uri.getHost()));
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equalsIgnoreCase("localhost");
    }

    /**
     * The body of a 200 answer to GET {@code uri}, as UTF-8 text; completes exceptionally on any other status, a
     * body larger than the cap, a failure or the timeout.
     */
    CompletableFuture<String> get(URI uri) {
        if (!fetchable(uri)) {
            return CompletableFuture.failedFuture(new IOException("not a URL this service fetches from"));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout).header("Accept", "application/json").build();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request,
                info -> new CappedBodySubscriber(info.statusCode() == 200 ? maxBytes : 0));
        return exchange.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, failure) -> {
            if (failure != null) {
                exchange.cancel(true);
            }
        }).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the issuer answered HTTP " + response.statusCode());
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        });
    }

    /** TLS that trusts the system's CAs and those of {@code bundle} (PEM). */
    private static SSLContext sslContextWith(Path bundle) {
        try {
            X509TrustManager system = trustManager(null);
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            Collection<? extends java.security.cert.Certificate> certificates;
            try (InputStream in = Files.newInputStream(bundle)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("The CA bundle " + bundle + " holds no certificate");
            }
            int i = 0;
            for (java.security.cert.Certificate certificate : certificates) {
                extra.setCertificateEntry("ca-bundle-" + i++, certificate);
            }
            X509TrustManager bundled = trustManager(extra);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new EitherTrustManager(system, bundled)}, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot read the CA bundle " + bundle + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a server chain either trust manager trusts (the system's, then the bundle's). */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this client does not authenticate clients");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException notBySystem) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }
}

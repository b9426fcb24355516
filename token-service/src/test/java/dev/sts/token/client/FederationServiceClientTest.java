package dev.sts.token.client;

import com.sun.net.httpserver.HttpServer;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.federation.WebIdentityAssertion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client's side of federation-service's internal API, against an HTTP peer on a loopback port that answers as
 * the contract says — and, to see the client fail closed, as federation-service never should (a 500, an unknown
 * code, garbage, an oversized body, no answer). The real federation-service is the end-to-end suite's.
 */
class FederationServiceClientTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.payload.signature";
    private static final WebIdentityAssertion ASSERTION = new WebIdentityAssertion(
            "arn:aws:iam::111111111111:oidc-provider/issuer.example", "issuer.example", "https://issuer.example",
            "alice", "client", List.of("client"), List.of(), Instant.ofEpochSecond(1_800_000_000),
            Instant.ofEpochSecond(1_800_000_600), List.of(), List.of(), Optional.empty());

    private final List<String> received = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsTheAccountAndTokenWithItsCredentialAndReadsTheAssertion() throws Exception {
        FederationServiceClient client = clientOf(200, ASSERTION.toJson());
        assertThat(client.validate("111111111111", TOKEN, Optional.empty())).isEqualTo(ASSERTION);
        assertThat(received).singleElement().satisfies(request -> assertThat(request)
                .contains("POST /internal/v1/web-identity/validate", "X-sts-federation-token: token-service.secret",
                        "\"account\":\"111111111111\"", "\"token\":\"" + TOKEN + "\"")
                .doesNotContain("providerId"));
    }

    @Test
    void aTokenRefusalIsPassedOnWithItsCodeAndMessage() throws Exception {
        FederationServiceClient client = clientOf(400,
                "{\"code\":\"InvalidIdentityToken\",\"message\":\"Incorrect token audience\"}");
        assertRefused(client, StsErrorCode.INVALID_IDENTITY_TOKEN, "Incorrect token audience");
        stop();
        assertRefused(clientOf(400, "{\"code\":\"ExpiredTokenException\",\"message\":\"Token expired: current date/time "
                + "2026 must be before the expiration date/time 2025\"}"), StsErrorCode.EXPIRED_TOKEN_EXCEPTION, "Token expired");
        stop();
        assertRefused(clientOf(403, "{\"code\":\"IDPRejectedClaim\",\"message\":\"Rejected\"}"),
                StsErrorCode.IDP_REJECTED_CLAIM, "Rejected");
    }

    @Test
    void anythingElseIsServiceUnavailableNeverItsDetail() throws Exception {
        for (String[] answer : new String[][] {
                {"500", "{\"code\":\"InternalFailure\",\"message\":\"stack trace at line 12\"}"},
                {"400", "{\"code\":\"AccessDenied\",\"message\":\"not one of the four codes\"}"},
                {"403", "{\"code\":\"InvalidIdentityToken\",\"message\":\"the code with another status\"}"},
                {"401", "{\"code\":\"Unauthorized\",\"message\":\"wrong credential\"}"},
                {"200", "{\"not\":\"an assertion\"}"},
                {"400", "not json"},
                {"200", "x".repeat(FederationServiceClient.MAX_ANSWER_BYTES + 1)}}) {
            assertRefused(clientOf(Integer.parseInt(answer[0]), answer[1]), StsErrorCode.SERVICE_UNAVAILABLE,
                    "The service is unavailable. Please try again later.");
            stop();
        }
    }

    @Test
    void aClosedPortOrAPeerThatNeverAnswersIsServiceUnavailableWithinTheTimeout() throws Exception {
        FederationServiceClient closed = new FederationServiceClient(URI.create("http://127.0.0.1:9"),
                "token-service.secret", Duration.ofSeconds(1));
        assertRefused(closed, StsErrorCode.SERVICE_UNAVAILABLE, "unavailable");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        FederationServiceClient hanging = new FederationServiceClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "token-service.secret", Duration.ofSeconds(1));
        assertRefused(hanging, StsErrorCode.SERVICE_UNAVAILABLE, "unavailable");
    }

    @Test
    void aBodyThatNeverEndsIsServiceUnavailableWithinTheTimeout() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"providerArn\":".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        FederationServiceClient trickling = new FederationServiceClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "token-service.secret", Duration.ofSeconds(1));
        assertRefused(trickling, StsErrorCode.SERVICE_UNAVAILABLE, "unavailable");
    }

    private FederationServiceClient clientOf(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            StringBuilder request = new StringBuilder(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n");
            exchange.getRequestHeaders().forEach((name, values) -> request.append(name).append(": ")
                    .append(String.join(",", values)).append('\n'));
            request.append(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(request.toString());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return new FederationServiceClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "token-service.secret", Duration.ofSeconds(5));
    }

    private static void assertRefused(FederationServiceClient client, StsErrorCode code, String message) {
        assertThatThrownBy(() -> client.validate("111111111111", TOKEN, Optional.empty()))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(message).doesNotContain(TOKEN);
                });
    }
}

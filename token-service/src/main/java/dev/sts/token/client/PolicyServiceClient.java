package dev.sts.token.client;

import dev.sts.core.credential.ServiceScope;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * token-service's one connection to policy-service's internal API: its key-resolution credential on every call, a timeout, and
 * one answer for every failure to get through ({@code ServiceUnavailable}, the detail only in the log).
 */
public final class PolicyServiceClient {
    private static final Logger LOG = Logger.getLogger(PolicyServiceClient.class);
    private static final String TOKEN_HEADER = ServiceScope.KEY_RESOLUTION.header();
    /** Larger than any answer of the internal API; a bigger one is not read. */
    private static final int MAX_ANSWER_BYTES = 16 * 1024;

    private final HttpClient http;
    private final URI baseUrl;
    private final String keyResolutionToken;
    private final Duration timeout;

    public PolicyServiceClient(URI baseUrl, String keyResolutionToken, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.baseUrl = baseUrl;
        this.keyResolutionToken = keyResolutionToken;
        this.timeout = timeout;
    }

    /** Sends {@code request} (its path and query relative to policy-service's URL) with the key-resolution credential. */
    HttpResponse<byte[]> send(String pathAndQuery, HttpRequest.Builder request, String what) {
        HttpRequest built = request.uri(baseUrl.resolve(pathAndQuery))
                .header(TOKEN_HEADER, keyResolutionToken)
                .timeout(timeout)
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(what, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, "interrupted");
        }
        if (response.body().length > MAX_ANSWER_BYTES) {
            throw unavailable(what, "an answer of " + response.body().length + " bytes");
        }
        return response;
    }

    static StsException unavailable(String what, String detail) {
        LOG.errorf("Cannot %s through policy-service: %s", what, detail);
        return new StsException(StsErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable. Please try again later.");
    }
}

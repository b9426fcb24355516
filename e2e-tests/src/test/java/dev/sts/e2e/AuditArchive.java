package dev.sts.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads audit-service's archive the way an operator would, over its HTTP API. */
final class AuditArchive {
    private AuditArchive() {
    }

    static String awaitEvent(String auditEndpoint, String requestId, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(auditEndpoint + "/v1/events?requestId=" + URLEncoder.encode(requestId, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains(requestId)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("audit event of request " + requestId + " was not archived within " + timeout);
    }
}

package dev.sts.e2e;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads audit-service's archive: over its HTTP API, signed with SigV4 (service {@code cloudtrail}) by the AWS SDK's
 * own signer, as a client of the account the events belong to; or, for events of calls refused before their caller
 * was known (no account: the API serves them to nobody), from the day files on disk as an operator would.
 */
final class AuditArchive {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AuditArchive() {
    }

    /** An event of the dev account (111111111111), found through the API as its admin. */
    static String awaitEvent(String auditEndpoint, String requestId, Duration timeout) throws Exception {
        return awaitEvent(auditEndpoint, Clients.DEV_ADMIN, requestId, timeout);
    }

    static String awaitEvent(String auditEndpoint, AwsCredentials caller, String requestId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = query(auditEndpoint, caller, "requestId=" + encode(requestId));
            if (response.statusCode() != 200) {
                throw new AssertionError("the audit API refused the query: " + response.body());
            }
            if (response.body().contains(requestId)) {
                return response.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("audit event of request " + requestId + " was not archived within " + timeout);
    }

    /** An event without an account (a call refused before its caller was known), read from the day files. */
    static String awaitEventWithoutAccount(Path archiveDir, String requestId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String needle = "\"requestID\":\"" + requestId + "\"";
        while (System.nanoTime() < deadline) {
            try (Stream<Path> days = Files.list(archiveDir)) {
                for (Path day : days.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList()) {
                    try (Stream<String> lines = Files.lines(day)) {
                        var found = lines.filter(line -> line.contains(needle)).findFirst();
                        if (found.isPresent()) {
                            return found.get();
                        }
                    } catch (IOException | java.io.UncheckedIOException e) {
                        // A day file being appended to: read again.
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("audit event of request " + requestId + " was not archived within " + timeout);
    }

    /** {@code GET /v1/events?<query>} signed for cloudtrail in us-east-1 by {@code caller}; null signs nothing. */
    static HttpResponse<String> query(String auditEndpoint, AwsCredentials caller, String rawQuery) throws Exception {
        URI uri = URI.create(auditEndpoint + "/v1/events" + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (caller != null) {
            SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri);
            AwsCredentialsIdentity identity = caller instanceof AwsSessionCredentials session
                    ? AwsSessionCredentialsIdentity.create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())
                    : AwsCredentialsIdentity.create(caller.accessKeyId(), caller.secretAccessKey());
            Map<String, List<String>> headers = AwsV4HttpSigner.create().sign(r -> r.identity(identity)
                    .request(unsigned.build())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request().headers();
            // java.net.http sets Host itself (the same value the signer signed).
            headers.forEach((name, values) -> {
                if (!name.equalsIgnoreCase("host")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

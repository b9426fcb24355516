package dev.sts.token.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.credential.ServiceScope;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.LongTermCredential;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.port.LongTermCredentialDirectory;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Resolves long-term keys through policy-service's internal API. Only called for well-formed AKIA ids. */
public final class PolicyServiceCredentialDirectory implements LongTermCredentialDirectory {
    private static final Logger LOG = Logger.getLogger(PolicyServiceCredentialDirectory.class);
    private static final String TOKEN_HEADER = ServiceScope.KEY_RESOLUTION.header();

    private final HttpClient http;
    private final URI baseUrl;
    private final String keyResolutionToken;
    private final Duration timeout;
    private final ObjectMapper json;

    public PolicyServiceCredentialDirectory(URI baseUrl, String keyResolutionToken, Duration timeout, ObjectMapper json) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.baseUrl = baseUrl;
        this.keyResolutionToken = keyResolutionToken;
        this.timeout = timeout;
        this.json = json;
    }

    @Override
    public Optional<LongTermCredential> find(String accessKeyId) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve("/internal/v1/access-keys/" + accessKeyId))
                .header(TOKEN_HEADER, keyResolutionToken)
                .timeout(timeout)
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
        return switch (response.statusCode()) {
            case 200 -> Optional.of(parse(response.body()));
            case 404 -> Optional.empty();
            default -> throw unavailable("policy-service answered HTTP " + response.statusCode());
        };
    }

    private LongTermCredential parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            CallerIdentity owner = new CallerIdentity(node.get("account").asText(), node.get("arn").asText(),
                    node.get("userId").asText(), PrincipalType.valueOf(node.get("type").asText()),
                    node.hasNonNull("name") ? node.get("name").asText() : null);
            return new LongTermCredential(node.get("accessKeyId").asText(), node.get("secretAccessKey").asText(),
                    node.get("active").asBoolean(), owner);
        } catch (IOException | RuntimeException e) {
            throw unavailable("unreadable answer from policy-service");
        }
    }

    private static StsException unavailable(String detail) {
        LOG.errorf("Cannot resolve an access key through policy-service: %s", detail);
        return new StsException(StsErrorCode.SERVICE_UNAVAILABLE, "The service is unavailable. Please try again later.");
    }
}

package dev.sts.token.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.auth.SigningKeyWindow;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.LongTermSigningKey;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.port.SigningKeyDirectory;
import dev.sts.core.sigv4.CredentialScope;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Resolves long-term keys through policy-service's internal API, which answers the signing key derived for the
 * request's scope, never the secret. A scope outside the {@link SigningKeyWindow} (an old presigned URL) is refused
 * here as {@code SignatureDoesNotMatch} without a call; policy-service would refuse it too. Only called for
 * well-formed AKIA ids.
 */
public final class PolicyServiceSigningKeyDirectory implements SigningKeyDirectory {
    private static final String WHAT = "resolve an access key";

    private final PolicyServiceClient policyService;
    private final SigningKeyWindow window;
    private final ObjectMapper json;

    public PolicyServiceSigningKeyDirectory(PolicyServiceClient policyService, SigningKeyWindow window, ObjectMapper json) {
        this.policyService = policyService;
        this.window = window;
        this.json = json;
    }

    @Override
    public Optional<LongTermSigningKey> find(String accessKeyId, CredentialScope scope) {
        if (!window.allows(scope)) {
            throw new StsException(StsErrorCode.SIGNATURE_DOES_NOT_MATCH, SigningKeyWindow.OUTSIDE);
        }
        String path = "/internal/v1/access-keys/" + encode(accessKeyId) + "/signing-key?date=" + encode(scope.date())
                + "&region=" + encode(scope.region()) + "&service=" + encode(scope.service());
        HttpResponse<byte[]> response = policyService.send(path, HttpRequest.newBuilder().GET(), WHAT);
        return switch (response.statusCode()) {
            case 200 -> Optional.of(parse(response.body(), accessKeyId, scope));
            case 404 -> Optional.empty();
            default -> throw PolicyServiceClient.unavailable(WHAT, "policy-service answered HTTP " + response.statusCode());
        };
    }

    /** The answer must be for the key and the scope asked about; anything else is unreadable. */
    private LongTermSigningKey parse(byte[] body, String accessKeyId, CredentialScope scope) {
        try {
            JsonNode node = json.readTree(body);
            CredentialScope answered = new CredentialScope(node.get("date").asText(), node.get("region").asText(),
                    node.get("service").asText());
            if (!node.get("accessKeyId").asText().equals(accessKeyId) || !answered.equals(scope)) {
                throw new IllegalArgumentException("an answer for another key or scope");
            }
            CallerIdentity owner = new CallerIdentity(node.get("account").asText(), node.get("arn").asText(),
                    node.get("userId").asText(), PrincipalType.valueOf(node.get("type").asText()),
                    node.hasNonNull("name") ? node.get("name").asText() : null);
            byte[] signingKey = Base64.getDecoder().decode(node.get("signingKey").asText());
            return new LongTermSigningKey(accessKeyId, scope, signingKey, node.get("active").asBoolean(), owner);
        } catch (IOException | RuntimeException e) {
            throw PolicyServiceClient.unavailable(WHAT, "unreadable answer from policy-service");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

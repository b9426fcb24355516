package dev.sts.token.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.mfa.MfaCodeCheck;
import dev.sts.core.port.MfaCodeChecker;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Has policy-service judge an MFA code, so token-service never reads a TOTP seed: policy-service answers whose
 * device it is, whether it is enabled and the time step the code is right for. The code travels in the request
 * body. Malformed inputs are never sent: they name no device.
 */
public final class PolicyServiceMfaCodeChecker implements MfaCodeChecker {
    private static final String WHAT = "check an MFA code";

    private final PolicyServiceClient policyService;
    private final ObjectMapper json;

    public PolicyServiceMfaCodeChecker(PolicyServiceClient policyService, ObjectMapper json) {
        this.policyService = policyService;
        this.json = json;
    }

    @Override
    public Optional<MfaCodeCheck> check(String serialNumber, String tokenCode) {
        if (!MfaCodeCheck.wellFormed(serialNumber, tokenCode)) {
            return Optional.empty();
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(Map.of("serialNumber", serialNumber, "tokenCode", tokenCode));
        } catch (IOException e) {
            throw PolicyServiceClient.unavailable(WHAT, "cannot write the request");
        }
        HttpResponse<byte[]> response = policyService.send("/internal/v1/mfa-code-checks", HttpRequest.newBuilder()
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), WHAT);
        return switch (response.statusCode()) {
            case 200 -> Optional.of(parse(response.body(), serialNumber));
            case 404 -> Optional.empty();
            default -> throw PolicyServiceClient.unavailable(WHAT, "policy-service answered HTTP " + response.statusCode());
        };
    }

    /** The answer must be about the device asked about; anything else is unreadable. */
    private MfaCodeCheck parse(byte[] body, String serialNumber) {
        try {
            JsonNode node = json.readTree(body);
            if (!node.get("serialNumber").asText().equals(serialNumber)) {
                throw new IllegalArgumentException("an answer about another device");
            }
            String userName = node.get("enabled").asBoolean() && node.hasNonNull("userName")
                    ? node.get("userName").asText() : null;
            JsonNode stepNode = node.get("step");
            if (stepNode != null && !stepNode.isNull() && !stepNode.isIntegralNumber()) {
                throw new IllegalArgumentException("a step that is not a number");
            }
            OptionalLong step = stepNode == null || stepNode.isNull() ? OptionalLong.empty()
                    : OptionalLong.of(stepNode.asLong());
            return new MfaCodeCheck(node.get("account").asText(), serialNumber, userName, step);
        } catch (IOException | RuntimeException e) {
            throw PolicyServiceClient.unavailable(WHAT, "unreadable answer from policy-service");
        }
    }
}

package dev.sts.token.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sts.core.token.SessionClaims;

/** The stored form of a session record: identity, issuer (role or user), name and lifetime; nothing secret. */
final class SessionRecordJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SessionRecordJson() {
    }

    static java.util.Optional<java.time.Instant> expiryOf(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = MAPPER.readTree(json);
            return node.hasNonNull("expiresAt") ? java.util.Optional.of(java.time.Instant.parse(node.get("expiresAt").asText()))
                    : java.util.Optional.empty();
        } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    static String of(SessionClaims session) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("accessKeyId", session.accessKeyId());
        node.put("arn", session.identity().arn());
        node.put("account", session.identity().account());
        node.put("userId", session.identity().userId());
        node.put("type", session.identity().type().name());
        node.put("issuedAt", session.issuedAt().toString());
        node.put("expiresAt", session.expiresAt().toString());
        node.put("mfaAuthenticated", session.mfaAuthenticated());
        node.put("region", session.issuingRegion());
        node.put("sourceAccessKeyId", session.sourceAccessKeyId());
        session.context().ifPresent(context -> {
            node.put("kind", context.kind().name());
            node.put("issuerArn", context.issuerArn());
            node.put("sessionName", context.sessionName());
            context.sourceIdentity().ifPresent(source -> node.put("sourceIdentity", source));
        });
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

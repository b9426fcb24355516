package dev.sts.core.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A change to IAM state, published on {@code iam.changes.v1} so every reader's cache follows within
 * moments. It names what changed, never secrets: readers fetch the new state if they need it.
 *
 * @param kind        what kind of entity changed
 * @param account     the account it lives in
 * @param name        the entity's id or name (an access key id, a user name)
 */
public record IamChange(String eventId, Kind kind, String account, String name, Instant time) {
    public static final String TOPIC = "iam.changes.v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public enum Kind {
        ACCESS_KEY, USER, ACCOUNT, ROLE, POLICY, MFA_DEVICE,
        /** An OpenID Connect provider; {@code name} is its ARN. */
        OIDC_PROVIDER,
        /** An account's outbound web identity federation switched on or off; {@code name} is the account id. */
        OUTBOUND_FEDERATION
    }

    public static IamChange of(Kind kind, String account, String name) {
        return new IamChange(UUID.randomUUID().toString(), kind, account, name, Instant.now());
    }

    public String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", eventId);
        node.put("kind", kind.name());
        node.put("account", account);
        node.put("name", name);
        node.put("time", time.toString());
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an event; anything unreadable is empty, for the consumer to treat as "forget everything". */
    public static Optional<IamChange> fromJson(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return Optional.of(new IamChange(node.get("eventId").asText(), Kind.valueOf(node.get("kind").asText()),
                    node.get("account").asText(), node.get("name").asText(), Instant.parse(node.get("time").asText())));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

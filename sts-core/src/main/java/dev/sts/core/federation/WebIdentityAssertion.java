package dev.sts.core.federation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sts.core.iam.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a validated web identity token says, in the neutral form federation-service hands token-service: everything
 * AssumeRoleWithWebIdentity decides and issues with, and nothing of the token itself. federation-service is the only
 * place that parses external tokens; token-service evaluates the trust policy with these values.
 *
 * @param providerArn       the registered provider that vouched for the token ({@code arn:aws:iam::ACCT:oidc-provider/HOST/PATH})
 * @param providerUrl       that provider's {@code HOST/PATH}: the prefix of the condition keys {@code HOST/PATH:aud}, …
 * @param issuer            {@code iss}, exactly
 * @param subject           {@code sub}
 * @param audience          the registered client id the token was accepted for ({@code aud}, or {@code azp} when
 *                          {@code aud} is a list): AssumeRoleWithWebIdentity's {@code Audience}
 * @param audiences         every value of {@code aud}, for {@code HOST/PATH:oaud}
 * @param amr               {@code amr} values, for {@code HOST/PATH:amr}
 * @param issuedAt          {@code iat}
 * @param expiresAt         {@code exp}
 * @param principalTags     session tags: from the {@code https://aws.amazon.com/tags} claim's {@code principal_tags},
 *                          and for a Kubernetes service-account token, the documented {@code kubernetes-*} tags
 * @param transitiveTagKeys that claim's {@code transitive_tag_keys}
 * @param sourceIdentity    the {@code https://aws.amazon.com/source_identity} claim, when present
 */
public record WebIdentityAssertion(String providerArn, String providerUrl, String issuer, String subject,
                                   String audience, List<String> audiences, List<String> amr, Instant issuedAt,
                                   Instant expiresAt, List<Tag> principalTags, List<String> transitiveTagKeys,
                                   Optional<String> sourceIdentity) {
    public WebIdentityAssertion {
        Objects.requireNonNull(providerArn, "providerArn");
        Objects.requireNonNull(providerUrl, "providerUrl");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(audience, "audience");
        audiences = audiences == null ? List.of(audience) : List.copyOf(audiences);
        amr = amr == null ? List.of() : List.copyOf(amr);
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        principalTags = principalTags == null ? List.of() : List.copyOf(principalTags);
        transitiveTagKeys = transitiveTagKeys == null ? List.of() : List.copyOf(transitiveTagKeys);
        sourceIdentity = sourceIdentity == null ? Optional.empty() : sourceIdentity;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The form federation-service answers its internal API with. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("providerArn", providerArn);
        node.put("providerUrl", providerUrl);
        node.put("issuer", issuer);
        node.put("subject", subject);
        node.put("audience", audience);
        audiences.forEach(node.putArray("audiences")::add);
        amr.forEach(node.putArray("amr")::add);
        node.put("issuedAt", issuedAt.getEpochSecond());
        node.put("expiresAt", expiresAt.getEpochSecond());
        ArrayNode tags = node.putArray("principalTags");
        principalTags.forEach(tag -> tags.addObject().put("key", tag.key()).put("value", tag.value()));
        transitiveTagKeys.forEach(node.putArray("transitiveTagKeys")::add);
        sourceIdentity.ifPresent(id -> node.put("sourceIdentity", id));
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads {@link #toJson}'s form.
     *
     * @throws IllegalArgumentException when it is not that form (a field missing or of the wrong type)
     */
    public static WebIdentityAssertion fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            List<Tag> tags = new ArrayList<>();
            for (JsonNode tag : node.path("principalTags")) {
                tags.add(new Tag(text(tag, "key"), text(tag, "value")));
            }
            return new WebIdentityAssertion(text(node, "providerArn"), text(node, "providerUrl"), text(node, "issuer"),
                    text(node, "subject"), text(node, "audience"), strings(node, "audiences"), strings(node, "amr"),
                    Instant.ofEpochSecond(number(node, "issuedAt")), Instant.ofEpochSecond(number(node, "expiresAt")),
                    tags, strings(node, "transitiveTagKeys"),
                    node.hasNonNull("sourceIdentity") ? Optional.of(text(node, "sourceIdentity")) : Optional.empty());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a web identity assertion", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value.asLong();
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.path(field)) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException(field + " holds a non-string");
            }
            values.add(value.asText());
        }
        return values;
    }
}

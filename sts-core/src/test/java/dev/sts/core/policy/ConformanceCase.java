package dev.sts.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One case of the table-driven conformance suite, read from {@code src/test/resources/policy-conformance/*.json}:
 * policies by role, a request, the expected outcome and, optionally, the deciding Sids, the missing context
 * keys and whether evaluation errors are expected.
 */
record ConformanceCase(String file, String name, String source, JsonNode policies, JsonNode request,
                       Decision.Outcome expect, Optional<List<String>> decidingSids,
                       Optional<List<String>> missingContextKeys, Optional<Boolean> errors) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_ACCOUNT = "111122223333";

    static ConformanceCase read(String file, JsonNode node) {
        return new ConformanceCase(file, node.path("name").asText(), node.path("source").asText(""),
                node.path("policies"), node.path("request"),
                Decision.Outcome.byWireName(node.path("expect").asText()),
                strings(node.get("decidingSids")), strings(node.get("missingContextKeys")),
                node.has("errors") ? Optional.of(node.get("errors").asBoolean()) : Optional.empty());
    }

    private static Optional<List<String>> strings(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return Optional.of(out);
    }

    boolean isTrustCase() {
        return policies.has("trust");
    }

    List<NamedPolicy> identityPolicies() {
        return list("identity", PolicyType.IDENTITY, PolicyKind.IDENTITY);
    }

    Optional<NamedPolicy> boundary() {
        return policies.has("boundary")
                ? Optional.of(named("boundary", policies.get("boundary"), PolicyType.PERMISSIONS_BOUNDARY, PolicyKind.BOUNDARY))
                : Optional.empty();
    }

    Optional<List<NamedPolicy>> sessionPolicies() {
        return policies.has("session") ? Optional.of(list("session", PolicyType.SESSION, PolicyKind.SESSION)) : Optional.empty();
    }

    Optional<NamedPolicy> resourcePolicy() {
        return policies.has("resource")
                ? Optional.of(named("resource", policies.get("resource"), PolicyType.RESOURCE, PolicyKind.RESOURCE))
                : Optional.empty();
    }

    PolicyDocument trustPolicy() {
        return PolicyParser.parse(text(policies.get("trust")), PolicyKind.TRUST);
    }

    PolicySet policySet() {
        return new PolicySet(identityPolicies(), boundary(), sessionPolicies(), resourcePolicy());
    }

    private List<NamedPolicy> list(String field, PolicyType type, PolicyKind kind) {
        List<NamedPolicy> out = new ArrayList<>();
        JsonNode array = policies.path(field);
        for (int i = 0; i < array.size(); i++) {
            out.add(named(field + "[" + i + "]", array.get(i), type, kind));
        }
        return out;
    }

    private static NamedPolicy named(String defaultName, JsonNode node, PolicyType type, PolicyKind kind) {
        if (node.has("document")) {
            return new NamedPolicy(node.path("name").asText(defaultName), type, PolicyParser.parse(text(node.get("document")), kind));
        }
        return new NamedPolicy(defaultName, type, PolicyParser.parse(text(node), kind));
    }

    private static String text(JsonNode node) {
        try {
            return node.isTextual() ? node.textValue() : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    RequestContext requestContext() {
        RequestContext.Builder builder = RequestContext.builder()
                .action(request.path("action").asText())
                .resource(request.path("resource").asText())
                .principal(principal(request.path("principal")));
        if (request.has("resourceAccount")) {
            builder.resourceAccount(Optional.of(request.get("resourceAccount").asText()));
        }
        for (Map.Entry<String, JsonNode> entry : request.path("context").properties()) {
            JsonNode value = entry.getValue();
            if (value.isArray()) {
                List<String> values = new ArrayList<>();
                value.forEach(v -> values.add(v.asText()));
                builder.conditionKey(entry.getKey(), values);
            } else {
                builder.conditionKey(entry.getKey(), value.asText());
            }
        }
        return builder.build();
    }

    /** Principals by kind; the default is the IAM user Alice in 111122223333. */
    static RequestPrincipal principal(JsonNode node) {
        String kind = node.path("kind").asText("user");
        String arn = node.path("arn").asText("");
        String account = node.path("account").asText(arn.isEmpty() ? DEFAULT_ACCOUNT : arn.split(":")[4]);
        return switch (kind) {
            case "root" -> RequestPrincipal.root(account);
            case "user" -> RequestPrincipal.user(account, arn.isEmpty() ? "arn:aws:iam::" + account + ":user/Alice" : arn,
                    node.path("userId").asText("AIDAEXAMPLEALICE00001"));
            case "roleSession" -> RequestPrincipal.roleSession(account, arn, node.path("userId").asText("AROAEXAMPLEROLE000001:session"),
                    node.path("roleArn").asText());
            case "federatedUser" -> RequestPrincipal.federatedUser(account, arn, node.path("issuer").asText());
            case "service" -> RequestPrincipal.service(node.path("service").asText());
            case "federated" -> RequestPrincipal.federated(node.path("provider").asText());
            case "anonymous" -> RequestPrincipal.anonymous();
            default -> throw new IllegalArgumentException("unknown principal kind " + kind);
        };
    }

    @Override
    public String toString() {
        return name;
    }
}

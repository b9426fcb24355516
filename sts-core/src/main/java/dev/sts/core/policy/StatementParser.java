package dev.sts.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sts.core.policy.condition.Condition;
import dev.sts.core.policy.condition.ConditionBlock;
import dev.sts.core.policy.condition.OperatorSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one statement under the rules of a {@link PolicyKind}, compiling its matchers. */
final class StatementParser {
    private static final Set<String> ELEMENTS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource",
            "Principal", "NotPrincipal", "Condition");
    private static final String VENDOR_HINT = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

    private final PolicyKind kind;
    private final boolean substituteVariables;

    StatementParser(PolicyKind kind, boolean substituteVariables) {
        this.kind = kind;
        this.substituteVariables = substituteVariables;
    }

    Statement parse(ObjectNode node, int index) {
        String where = "Statement[" + index + "]";
        for (Map.Entry<String, JsonNode> element : node.properties()) {
            String name = element.getKey();
            if (!ELEMENTS.contains(name)) {
                throw PolicyParser.malformed(where + ": unknown element \"" + JsonElements.shorten(name) + "\"");
            }
        }
        Optional<String> sid = node.has("Sid") ? Optional.of(JsonElements.string(node.get("Sid"), where + ".Sid")) : Optional.empty();
        if (!node.has("Effect")) {
            throw PolicyParser.malformed(where + ": missing required element Effect");
        }
        String effectText = JsonElements.string(node.get("Effect"), where + ".Effect");
        Effect effect = Effect.byWireName(effectText);
        if (effect == null) {
            throw PolicyParser.malformed(where + ".Effect: must be \"Allow\" or \"Deny\", not \"" + JsonElements.shorten(effectText) + "\"");
        }
        ActionMatcher actions = actions(node, where);
        PrincipalMatcher principals = principals(node, where);
        ResourceMatcher resources = resources(node, where);
        ConditionBlock conditions = node.has("Condition") ? conditions(node.get("Condition"), where + ".Condition") : ConditionBlock.empty();
        return new Statement(index, sid, effect, actions, resources, principals, conditions);
    }

    private ActionMatcher actions(ObjectNode node, String where) {
        String name = exactlyOne(node, "Action", "NotAction", where,
                "Policy statement must contain actions (Action or NotAction)");
        List<String> actions = JsonElements.strings(node.get(name), where + "." + name);
        for (int i = 0; i < actions.size(); i++) {
            String action = actions.get(i);
            int colon = action.indexOf(':');
            boolean valid = action.equals("*") || colon > 0 && colon < action.length() - 1 && action.indexOf(':', colon + 1) < 0
                    && action.chars().noneMatch(Character::isWhitespace);
            if (!valid) {
                throw PolicyParser.malformed(where + "." + name + indexSuffix(actions, i) + ": \"" + JsonElements.shorten(action)
                        + "\" is not an action. " + VENDOR_HINT);
            }
        }
        return new ActionMatcher(actions, name.equals("NotAction"));
    }

    private ResourceMatcher resources(ObjectNode node, String where) {
        boolean present = node.has("Resource") || node.has("NotResource");
        if (kind == PolicyKind.TRUST) {
            if (present) {
                throw PolicyParser.malformed(where + ": Has prohibited field " + (node.has("Resource") ? "Resource" : "NotResource")
                        + " (a trust policy's resource is its role)");
            }
            return null;
        }
        if (kind == PolicyKind.RESOURCE && !present) {
            return null;
        }
        String name = exactlyOne(node, "Resource", "NotResource", where,
                "Policy statement must contain resources (Resource or NotResource)");
        List<String> resources = JsonElements.strings(node.get(name), where + "." + name);
        for (int i = 0; i < resources.size(); i++) {
            String resource = resources.get(i);
            if (!resource.equals("*") && !(resource.startsWith("arn:") && resource.chars().filter(c -> c == ':').count() >= 5)) {
                throw PolicyParser.malformed(where + "." + name + indexSuffix(resources, i) + ": Resource \"" + JsonElements.shorten(resource)
                        + "\" must be in ARN format or \"*\"");
            }
        }
        try {
            return new ResourceMatcher(resources, name.equals("NotResource"), substituteVariables);
        } catch (IllegalArgumentException e) {
            throw PolicyParser.malformed(where + "." + name + ": " + e.getMessage());
        }
    }

    private PrincipalMatcher principals(ObjectNode node, String where) {
        boolean present = node.has("Principal") || node.has("NotPrincipal");
        if (!kind.allowsPrincipal()) {
            if (present) {
                throw PolicyParser.malformed(where + ": Policy document should not specify a principal ("
                        + (node.has("Principal") ? "Principal" : "NotPrincipal") + " is not allowed in " + kind.name().toLowerCase(java.util.Locale.ROOT) + " policies)");
            }
            return null;
        }
        String name = exactlyOne(node, "Principal", "NotPrincipal", where, "Missing required field Principal");
        if (kind == PolicyKind.TRUST && name.equals("NotPrincipal")) {
            // IAM refuses NotPrincipal in a role's trust policy: an Allow with it would trust everyone not listed.
            throw PolicyParser.malformed(where + ": Has prohibited field NotPrincipal (a trust policy names whom it trusts with Principal)");
        }
        JsonNode value = node.get(name);
        String path = where + "." + name;
        boolean negated = name.equals("NotPrincipal");
        if (value.isTextual()) {
            if (!value.textValue().equals("*")) {
                throw PolicyParser.malformed(path + ": Invalid principal in policy: \"" + JsonElements.shorten(value.textValue())
                        + "\" (a string principal must be \"*\")");
            }
            return PrincipalMatcher.everyone(negated);
        }
        if (!(value instanceof ObjectNode object) || object.isEmpty()) {
            throw PolicyParser.malformed(path + ": must be \"*\" or an object of AWS, Service, Federated or CanonicalUser");
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!PrincipalMatcher.TYPES.contains(field.getKey())) {
                throw PolicyParser.malformed(path + ": unknown principal type \"" + JsonElements.shorten(field.getKey()) + "\"");
            }
            byType.put(field.getKey(), JsonElements.strings(field.getValue(), path + "." + field.getKey()));
        }
        try {
            return PrincipalMatcher.of(byType, negated);
        } catch (IllegalArgumentException e) {
            throw PolicyParser.malformed(path + ": " + e.getMessage());
        }
    }

    private ConditionBlock conditions(JsonNode node, String where) {
        if (!(node instanceof ObjectNode block)) {
            throw PolicyParser.malformed(where + ": must be an object of condition operators");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operator : block.properties()) {
            OperatorSpec spec = OperatorSpec.parse(operator.getKey());
            if (spec == null) {
                throw PolicyParser.malformed(where + ": unknown operator " + JsonElements.shorten(operator.getKey()));
            }
            String operatorPath = where + "." + operator.getKey();
            if (!(operator.getValue() instanceof ObjectNode keys)) {
                throw PolicyParser.malformed(operatorPath + ": must be an object of condition keys");
            }
            JsonElements.checkSize(keys, operatorPath);
            for (Map.Entry<String, JsonNode> entry : keys.properties()) {
                String key = entry.getKey();
                int colon = key.indexOf(':');
                if (colon <= 0 || colon == key.length() - 1 || key.length() > 256 || key.chars().anyMatch(Character::isWhitespace)) {
                    throw PolicyParser.malformed(operatorPath + ": condition key \"" + JsonElements.shorten(key) + "\" is not valid. " + VENDOR_HINT);
                }
                String keyPath = operatorPath + "." + key;
                List<String> values = JsonElements.scalars(entry.getValue(), keyPath);
                try {
                    conditions.add(Condition.compile(spec, key, values, substituteVariables));
                } catch (IllegalArgumentException e) {
                    throw PolicyParser.malformed(keyPath + ": " + e.getMessage());
                }
            }
        }
        if (conditions.size() > PolicyLimits.MAX_ARRAY_ELEMENTS) {
            throw PolicyParser.malformed(where + ": more than " + PolicyLimits.MAX_ARRAY_ELEMENTS + " conditions");
        }
        return ConditionBlock.of(conditions);
    }

    private static String exactlyOne(ObjectNode node, String name, String notName, String where, String missingMessage) {
        boolean has = node.has(name);
        boolean hasNot = node.has(notName);
        if (has && hasNot) {
            throw PolicyParser.malformed(where + ": " + name + " and " + notName + " cannot both be present");
        }
        if (!has && !hasNot) {
            throw PolicyParser.malformed(where + ": " + missingMessage);
        }
        return has ? name : notName;
    }

    private static String indexSuffix(List<String> values, int i) {
        return values.size() > 1 ? "[" + i + "]" : "";
    }
}

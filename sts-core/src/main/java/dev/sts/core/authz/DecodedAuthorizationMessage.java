package dev.sts.core.authz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.policy.DecidingStatement;
import dev.sts.core.policy.Decision;

import java.util.List;
import java.util.Map;

/**
 * The details of a decision in the JSON shape AWS's DecodeAuthorizationMessage returns: allowed,
 * explicitDeny, the matched statements, and the context (principal, action, resource, conditions).
 */
public final class DecodedAuthorizationMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DecodedAuthorizationMessage() {
    }

    public static String of(CallerIdentity caller, AuthorizationQuery query, Decision decision) {
        ObjectNode root = JSON.createObjectNode();
        root.put("allowed", decision.allowed());
        root.put("explicitDeny", decision.outcome() == Decision.Outcome.EXPLICIT_DENY);
        ArrayNode matched = root.putObject("matchedStatements").putArray("items");
        for (DecidingStatement statement : decision.decidingStatements()) {
            ObjectNode item = matched.addObject();
            item.put("statementId", statement.sid().orElse(""));
            item.put("effect", statement.effect().name().toUpperCase(java.util.Locale.ROOT));
            item.put("policy", statement.policyName());
            item.put("policyType", statement.policyType().name());
            item.put("statementIndex", statement.statementIndex());
        }
        ArrayNode failures = root.putObject("failures").putArray("items");
        decision.errors().forEach(failures::add);
        ObjectNode context = root.putObject("context");
        ObjectNode principal = context.putObject("principal");
        principal.put("id", caller.userId());
        if (caller.name() != null) {
            principal.put("name", caller.name());
        }
        principal.put("arn", caller.arn());
        context.put("action", query.action());
        context.put("resource", query.resource());
        ArrayNode conditions = context.putObject("conditions").putArray("items");
        if (query.sourceIp() != null) {
            condition(conditions, "aws:SourceIp", List.of(query.sourceIp()));
        }
        for (Map.Entry<String, List<String>> entry : query.context().entrySet()) {
            condition(conditions, entry.getKey(), entry.getValue());
        }
        return root.toString();
    }

    private static void condition(ArrayNode conditions, String key, List<String> values) {
        ObjectNode item = conditions.addObject();
        item.put("key", key);
        ArrayNode items = item.putObject("values").putArray("items");
        values.forEach(value -> items.addObject().put("value", value));
    }
}

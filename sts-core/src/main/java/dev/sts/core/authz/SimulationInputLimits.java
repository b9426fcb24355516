package dev.sts.core.authz;

import dev.sts.core.protocol.ParameterConstraint;
import dev.sts.core.protocol.ParameterConstraints;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.ValidationErrors;

import java.util.List;
import java.util.Set;

/**
 * The limits of SimulatePrincipalPolicy's and SimulateCustomPolicy's inputs, as AWS's model states them
 * (botocore {@code iam} service model): each policy document 1–131,072 characters of
 * {@code [\u0009\u000A\u000D\u0020-\u00FF]}, action names 3–128, resource ARNs, CallerArn and ResourceOwner
 * 1–2,048, PolicySourceArn 20–2,048, context key names 5–256 and a ContextKeyType from its enumeration.
 * AWS's model sets no count on the lists (its request size does); here they are bounded too, so that one
 * call's work stays bounded: {@link #MAX_POLICIES} documents per list, {@link #MAX_LIST} actions or
 * resources, {@link #MAX_CONTEXT_ENTRIES} context entries of up to {@link #MAX_CONTEXT_VALUES} values, and at
 * most {@link #MAX_EVALUATIONS} action-resource pairs. Violations are refused together, as AWS refuses them.
 */
public final class SimulationInputLimits {
    public static final int MAX_POLICIES = 10;
    public static final int MAX_LIST = 1_000;
    public static final int MAX_CONTEXT_ENTRIES = 100;
    public static final int MAX_CONTEXT_VALUES = 100;
    public static final int MAX_CONTEXT_VALUE = 2_048;
    public static final int MAX_EVALUATIONS = 1_000;
    /** A policy document as AWS's model limits it: {@link ParameterConstraints#POLICY_DOCUMENT}. */
    private static final ParameterConstraint DOCUMENT = ParameterConstraints.POLICY_DOCUMENT;
    private static final Set<String> CONTEXT_TYPES = Set.of("string", "stringList", "numeric", "numericList", "boolean",
            "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList");

    private SimulationInputLimits() {
    }

    /**
     * @param principal true for SimulatePrincipalPolicy (PolicySourceArn required), false for SimulateCustomPolicy
     *                  (PolicyInputList required)
     * @throws dev.sts.core.error.StsException ValidationError naming every violated limit
     */
    public static void check(QueryParameters params, boolean principal) {
        ValidationErrors errors = new ValidationErrors();
        if (principal) {
            if (params.required("PolicySourceArn", errors) != null) {
                params.string("PolicySourceArn", 20, 2048, null, errors);
            }
        } else if (params.memberList("PolicyInputList").isEmpty()) {
            errors.missing("policyInputList");
        }
        documents(params, "PolicyInputList", errors);
        documents(params, "PermissionsBoundaryPolicyInputList", errors);
        params.string("ResourcePolicy", DOCUMENT.min(), DOCUMENT.max(), DOCUMENT.pattern(), errors);
        params.string("CallerArn", 1, 2048, null, errors);
        params.string("ResourceOwner", 1, 2048, null, errors);
        params.string("ResourceHandlingOption", 1, 64, null, errors);
        List<String> actions = params.memberList("ActionNames");
        if (actions.isEmpty()) {
            errors.missing("actionNames");
        }
        members(params, "ActionNames", 3, 128, errors);
        members(params, "ResourceArns", 1, 2048, errors);
        int resources = Math.max(1, params.memberList("ResourceArns").size());
        if ((long) actions.size() * resources > MAX_EVALUATIONS) {
            errors.violated("actionNames", null, "Member must have at most " + MAX_EVALUATIONS
                    + " action and resource combinations");
        }
        contextEntries(params, errors);
        errors.throwIfAny();
    }

    private static void documents(QueryParameters params, String list, ValidationErrors errors) {
        int count = params.memberList(list).size();
        if (count > MAX_POLICIES) {
            errors.violated(QueryParameters.memberName(list), null, "Member must have length less than or equal to "
                    + MAX_POLICIES);
            return;
        }
        for (int i = 1; i <= count; i++) {
            params.string(list + ".member." + i, DOCUMENT.min(), DOCUMENT.max(), DOCUMENT.pattern(), errors);
        }
    }

    private static void members(QueryParameters params, String list, int min, int max, ValidationErrors errors) {
        int count = params.memberList(list).size();
        if (count > MAX_LIST) {
            errors.violated(QueryParameters.memberName(list), null, "Member must have length less than or equal to "
                    + MAX_LIST);
            return;
        }
        for (int i = 1; i <= count; i++) {
            params.string(list + ".member." + i, min, max, null, errors);
        }
    }

    private static void contextEntries(QueryParameters params, ValidationErrors errors) {
        for (int i = 1; params.optional("ContextEntries.member." + i + ".ContextKeyName").isPresent()
                || params.optional("ContextEntries.member." + i + ".ContextKeyType").isPresent(); i++) {
            if (i > MAX_CONTEXT_ENTRIES) {
                errors.violated("contextEntries", null, "Member must have length less than or equal to "
                        + MAX_CONTEXT_ENTRIES);
                return;
            }
            String prefix = "ContextEntries.member." + i + ".";
            String member = "contextEntries." + i + ".member.";
            params.string(prefix + "ContextKeyName", 5, 256, null, errors);
            params.optional(prefix + "ContextKeyType").filter(type -> !CONTEXT_TYPES.contains(type)).ifPresent(type ->
                    errors.violated(member + "contextKeyType", null,
                            "Member must satisfy enum value set: " + CONTEXT_TYPES));
            List<String> values = params.memberList(prefix + "ContextKeyValues");
            if (values.size() > MAX_CONTEXT_VALUES) {
                errors.violated(member + "contextKeyValues", null,
                        "Member must have length less than or equal to " + MAX_CONTEXT_VALUES);
            } else if (values.stream().anyMatch(value -> value.length() > MAX_CONTEXT_VALUE)) {
                errors.violated(member + "contextKeyValues", null,
                        "Member must have length less than or equal to " + MAX_CONTEXT_VALUE + " characters per value");
            }
        }
    }
}

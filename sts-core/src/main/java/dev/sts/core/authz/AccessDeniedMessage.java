package dev.sts.core.authz;

import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.policy.Decision;
import dev.sts.core.policy.PolicyType;

/** AWS's wording of an authorization refusal, which says who, what, on what, and which kind of policy decided. */
public final class AccessDeniedMessage {
    private AccessDeniedMessage() {
    }

    public static String of(CallerIdentity caller, String action, String resource, Decision decision) {
        String who = "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + resource;
        if (decision.outcome() == Decision.Outcome.EXPLICIT_DENY) {
            String where = decision.decidingStatements().stream().findFirst()
                    .map(statement -> kind(statement.policyType())).orElse("an identity-based policy");
            return who + " with an explicit deny in " + where;
        }
        return who + " because no identity-based policy allows the " + action + " action";
    }

    private static String kind(PolicyType type) {
        return switch (type) {
            case IDENTITY -> "an identity-based policy";
            case PERMISSIONS_BOUNDARY -> "a permissions boundary";
            case SESSION -> "a session policy";
            case RESOURCE -> "a resource-based policy";
        };
    }
}

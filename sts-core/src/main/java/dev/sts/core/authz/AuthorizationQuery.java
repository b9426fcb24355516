package dev.sts.core.authz;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a caller wants to do: an action on a resource, with what else the decision needs to know.
 *
 * @param action          {@code service:Action}, e.g. {@code s3:GetObject}
 * @param resource        the resource's ARN, or {@code *}
 * @param resourceAccount the account owning the resource; empty means the caller's own account
 * @param resourcePolicy  the resource's own policy (JSON), if it has one
 * @param context         further condition keys the resource service knows (e.g. {@code s3:prefix}); a key the
 *                        platform derives ({@link DerivedConditionKeys}) is never taken from here
 * @param sourceIp        the caller's address ({@code aws:SourceIp}), if known
 * @param actionKeys      the keys the platform itself derived for the action (e.g. an IAM action's
 *                        {@link IamActionContext}); they win over {@code context}
 */
public record AuthorizationQuery(String action, String resource, Optional<String> resourceAccount,
                                 Optional<String> resourcePolicy, Map<String, List<String>> context, String sourceIp,
                                 Map<String, List<String>> actionKeys) {
    public AuthorizationQuery {
        context = Map.copyOf(context);
        actionKeys = Map.copyOf(actionKeys);
    }

    public AuthorizationQuery(String action, String resource, Optional<String> resourceAccount,
                              Optional<String> resourcePolicy, Map<String, List<String>> context, String sourceIp) {
        this(action, resource, resourceAccount, resourcePolicy, context, sourceIp, Map.of());
    }

    public static AuthorizationQuery of(String action, String resource, String sourceIp) {
        return new AuthorizationQuery(action, resource, Optional.empty(), Optional.empty(), Map.of(), sourceIp);
    }

    /** The query with the keys the platform derived for its action. */
    public AuthorizationQuery withActionKeys(Map<String, List<String>> keys) {
        return new AuthorizationQuery(action, resource, resourceAccount, resourcePolicy, context, sourceIp, keys);
    }
}

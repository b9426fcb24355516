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
 * @param context         further condition keys the resource service knows (e.g. {@code s3:prefix})
 * @param sourceIp        the caller's address ({@code aws:SourceIp}), if known
 */
public record AuthorizationQuery(String action, String resource, Optional<String> resourceAccount,
                                 Optional<String> resourcePolicy, Map<String, List<String>> context, String sourceIp) {
    public AuthorizationQuery {
        context = Map.copyOf(context);
    }

    public static AuthorizationQuery of(String action, String resource, String sourceIp) {
        return new AuthorizationQuery(action, resource, Optional.empty(), Optional.empty(), Map.of(), sourceIp);
    }
}

package dev.sts.core.policy;

import dev.sts.core.policy.variable.ContextKeys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable request to evaluate: action, resource, the resource's account, the principal and the
 * condition keys. Keys are case-insensitive as AWS says ("aws:SourceIp" is "AWS:sourceip"), tag suffixes
 * included ({@code aws:PrincipalTag/Team} is {@code aws:principaltag/team}).
 *
 * <p>From the principal, {@link Builder#build()} adds the keys AWS derives from it unless they were given:
 * {@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:userid},
 * {@code aws:username} (IAM users only), {@code aws:PrincipalServiceName} (services); and
 * {@code aws:ResourceAccount} from the resource account. A key given with no values counts as absent.
 */
public final class RequestContext implements ContextKeys {
    private final String action;
    private final String resource;
    private final Optional<String> resourceAccount;
    private final RequestPrincipal principal;
    private final Map<String, List<String>> explicitKeys; // lower-cased key -> values, as given
    private final Map<String, List<String>> keys; // explicit plus derived

    private RequestContext(Builder builder) {
        this.action = Objects.requireNonNull(builder.action, "action");
        this.resource = Objects.requireNonNull(builder.resource, "resource");
        this.resourceAccount = builder.resourceAccount;
        this.principal = Objects.requireNonNull(builder.principal, "principal");
        this.explicitKeys = Map.copyOf(builder.keys);
        Map<String, List<String>> all = new HashMap<>(builder.keys);
        derive(all, "aws:PrincipalArn", principal.principalArnKey());
        derive(all, "aws:PrincipalAccount", principal.kind().hasAccount() ? Optional.of(principal.account()) : Optional.empty());
        derive(all, "aws:PrincipalType", Optional.of(principal.kind().principalType()));
        derive(all, "aws:userid", principal.kind().hasAccount() ? Optional.of(principal.userId()) : Optional.empty());
        derive(all, "aws:username", principal.userName());
        derive(all, "aws:PrincipalServiceName", principal.service());
        derive(all, "aws:ResourceAccount", resourceAccount);
        this.keys = Collections.unmodifiableMap(all);
    }

    private static void derive(Map<String, List<String>> keys, String key, Optional<String> value) {
        value.ifPresent(v -> keys.putIfAbsent(key.toLowerCase(Locale.ROOT), List.of(v)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's action, resource, resource account, principal and explicit keys. */
    public Builder toBuilder() {
        Builder builder = new Builder().action(action).resource(resource).resourceAccount(resourceAccount).principal(principal);
        builder.keys.putAll(explicitKeys);
        return builder;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }

    public Optional<String> resourceAccount() {
        return resourceAccount;
    }

    public RequestPrincipal principal() {
        return principal;
    }

    /** The values of a key, looked up case-insensitively; empty when absent. */
    public List<String> values(String key) {
        List<String> values = keys.get(key.toLowerCase(Locale.ROOT));
        return values == null ? List.of() : values;
    }

    /** Whether the request carries the key with at least one value. */
    public boolean has(String key) {
        return !values(key).isEmpty();
    }

    @Override
    public List<String> valuesOf(String lowerCaseKey) {
        return keys.get(lowerCaseKey);
    }

    /** Whether the resource is in another account than the principal's. */
    public boolean isCrossAccount() {
        return principal.kind().hasAccount() && resourceAccount.isPresent()
                && !resourceAccount.get().equals(principal.account());
    }

    @Override
    public String toString() {
        return "RequestContext[" + action + " on " + resource + " by " + principal.arn() + "]";
    }

    /** Builds a {@link RequestContext}; action, resource and principal are required. */
    public static final class Builder {
        private String action;
        private String resource;
        private Optional<String> resourceAccount = Optional.empty();
        private RequestPrincipal principal;
        private final Map<String, List<String>> keys = new HashMap<>();

        private Builder() {
        }

        /** e.g. {@code s3:GetObject}. */
        public Builder action(String action) {
            this.action = action;
            return this;
        }

        /** e.g. {@code arn:aws:s3:::bucket/key}. */
        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        /** The account owning the resource; empty means the principal's own account. */
        public Builder resourceAccount(Optional<String> resourceAccount) {
            this.resourceAccount = Objects.requireNonNull(resourceAccount);
            return this;
        }

        public Builder principal(RequestPrincipal principal) {
            this.principal = principal;
            return this;
        }

        /** A single-valued key; replaces an earlier value of the same key (case-insensitively). */
        public Builder conditionKey(String key, String value) {
            keys.put(key.toLowerCase(Locale.ROOT), List.of(value));
            return this;
        }

        /** A multi-valued key (for {@code ForAllValues:}/{@code ForAnyValue:}); an empty list is an empty set. */
        public Builder conditionKey(String key, List<String> values) {
            keys.put(key.toLowerCase(Locale.ROOT), List.copyOf(new ArrayList<>(values)));
            return this;
        }

        public RequestContext build() {
            return new RequestContext(this);
        }
    }
}

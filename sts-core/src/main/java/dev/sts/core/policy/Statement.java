package dev.sts.core.policy;

import dev.sts.core.policy.condition.ConditionBlock;
import dev.sts.core.policy.match.Tri;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One statement of a parsed policy, with its matchers compiled: evaluating it does no parsing.
 * Its parts are checked cheapest first: action, principal, resource, then conditions.
 */
public final class Statement {
    private final int index;
    private final Optional<String> sid;
    private final Effect effect;
    private final ActionMatcher actions;
    private final ResourceMatcher resources; // null: no Resource element (resource and trust policies)
    private final PrincipalMatcher principals; // null: no Principal element
    private final ConditionBlock conditions;
    private final List<String> referencedKeys;
    private final String[] referencedKeysLowerCase;

    Statement(int index, Optional<String> sid, Effect effect, ActionMatcher actions, ResourceMatcher resources,
              PrincipalMatcher principals, ConditionBlock conditions) {
        this.index = index;
        this.sid = sid;
        this.effect = effect;
        this.actions = actions;
        this.resources = resources;
        this.principals = principals;
        this.conditions = conditions;
        Set<String> keys = new LinkedHashSet<>(conditions.referencedKeys());
        if (resources != null) {
            resources.variables().forEach(v -> keys.add(v.key()));
        }
        this.referencedKeys = List.copyOf(keys);
        this.referencedKeysLowerCase = referencedKeys.stream().map(k -> k.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }

    /** The statement's position in the policy's Statement list (0-based). */
    public int index() {
        return index;
    }

    public Optional<String> sid() {
        return sid;
    }

    public Effect effect() {
        return effect;
    }

    /** The Action (or NotAction, see {@link #notAction()}) patterns as written. */
    public List<String> actions() {
        return actions.source();
    }

    public boolean notAction() {
        return actions.negated();
    }

    /** The Resource (or NotResource) patterns as written; empty when the statement has neither. */
    public List<String> resources() {
        return resources == null ? List.of() : resources.source();
    }

    public boolean notResource() {
        return resources != null && resources.negated();
    }

    public boolean hasPrincipal() {
        return principals != null;
    }

    /** Whether the statement names its principals with NotPrincipal. */
    public boolean notPrincipal() {
        return principals != null && principals.negated();
    }

    public ConditionBlock conditions() {
        return conditions;
    }

    /** Condition keys and policy-variable keys this statement reads, as spelled in the policy. */
    public List<String> referencedKeys() {
        return referencedKeys;
    }

    /** The referenced keys, lower-cased, in the order of {@link #referencedKeys()}. */
    String[] referencedKeysLowerCase() {
        return referencedKeysLowerCase;
    }

    boolean coversAction(String action) {
        return actions.covers(action);
    }

    PrincipalMatch matchPrincipal(RequestPrincipal principal, boolean principalHasBoundary) {
        return principals == null ? PrincipalMatch.ABSENT : principals.match(principal, effect, principalHasBoundary);
    }

    Tri coversResource(RequestContext request) {
        return resources == null ? Tri.YES : resources.covers(request.resource(), request);
    }

    /** Why the resource or conditions could not be decided for this request. */
    List<String> problems(RequestContext request) {
        List<String> out = new ArrayList<>();
        if (resources != null && resources.covers(request.resource(), request) == Tri.UNKNOWN) {
            out.add((resources.negated() ? "NotResource" : "Resource") + ": policy variable "
                    + String.join(", ", resources.unresolved(request)) + " has no value");
        }
        out.addAll(conditions.problems(request));
        return out;
    }

    @Override
    public String toString() {
        return "Statement[" + index + "]" + sid.map(s -> " (" + s + ")").orElse("");
    }
}

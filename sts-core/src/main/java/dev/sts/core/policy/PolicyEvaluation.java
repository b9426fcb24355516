package dev.sts.core.policy;

import dev.sts.core.policy.match.Tri;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of {@link DefaultPolicyEvaluator}'s checklist: scans every policy once, then decides. */
final class PolicyEvaluation {
    private final PolicySet policies;
    private final RequestContext request;
    private final RequestPrincipal principal;
    private final boolean hasBoundary;

    private List<DecidingStatement> denies;
    private List<DecidingStatement> identityAllows;
    private List<DecidingStatement> directAllows;
    private List<DecidingStatement> issuerAllows;
    private List<DecidingStatement> accountAllows;
    private boolean boundaryAllows;
    private boolean sessionAllows;
    private Map<String, String> missingKeys;
    private List<String> errors;

    PolicyEvaluation(PolicySet policies, RequestContext request) {
        this.policies = policies;
        this.request = request;
        this.principal = request.principal();
        this.hasBoundary = policies.permissionsBoundary().isPresent();
    }

    Decision decide() {
        for (NamedPolicy policy : policies.identityPolicies()) {
            scan(policy);
        }
        if (policies.permissionsBoundary().isPresent()) {
            scan(policies.permissionsBoundary().get());
        }
        if (policies.sessionPolicies().isPresent()) {
            for (NamedPolicy policy : policies.sessionPolicies().get()) {
                scan(policy);
            }
        }
        if (policies.resourcePolicy().isPresent()) {
            scan(policies.resourcePolicy().get());
        }

        if (denies != null) {
            return decision(Decision.Outcome.EXPLICIT_DENY, denies);
        }
        PrincipalKind kind = principal.kind();
        boolean withinLimits = (!hasBoundary || boundaryAllows) && sessionAllowsOrAbsent(kind);
        boolean identitySide = kind.hasAccount() && (kind == PrincipalKind.ROOT || identityAllows != null) && withinLimits;
        if (!kind.hasAccount()) {
            return directAllows != null ? allowed(directAllows) : implicitDeny();
        }
        if (!request.isCrossAccount()) {
            boolean issuerGrants = issuerAllows != null && withinLimits;
            if (!identitySide && directAllows == null && !issuerGrants) {
                return implicitDeny();
            }
            List<DecidingStatement> deciding = identitySide ? identityAllows : null;
            deciding = join(deciding, directAllows);
            deciding = join(deciding, issuerGrants ? issuerAllows : null);
            deciding = join(deciding, identitySide ? accountAllows : null);
            return allowed(deciding);
        }
        boolean resourceGrants = directAllows != null || issuerAllows != null || accountAllows != null;
        if (!identitySide || !resourceGrants) {
            return implicitDeny();
        }
        return allowed(join(join(join(identityAllows, directAllows), issuerAllows), accountAllows));
    }

    /** A role session without session policies keeps its role's permissions; a federated user without one has none. */
    private boolean sessionAllowsOrAbsent(PrincipalKind kind) {
        if (policies.sessionPolicies().isPresent()) {
            return sessionAllows;
        }
        return kind != PrincipalKind.FEDERATED_USER;
    }

    private void scan(NamedPolicy policy) {
        List<Statement> statements = policy.document().statements();
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            if (!statement.coversAction(request.action())) {
                continue;
            }
            PrincipalMatch principalMatch = statement.matchPrincipal(principal, hasBoundary);
            if (principalMatch == PrincipalMatch.NONE || principalMatch == PrincipalMatch.ABSENT && policy.type() == PolicyType.RESOURCE) {
                continue;
            }
            Tri resource = statement.coversResource(request);
            if (resource == Tri.NO) {
                continue;
            }
            noteMissingKeys(statement);
            Tri applies = resource.and(statement.conditions().evaluate(request));
            if (applies == Tri.NO) {
                continue;
            }
            if (applies == Tri.UNKNOWN) {
                noteErrors(policy, statement);
            }
            if (statement.effect() == Effect.DENY) {
                denies = add(denies, deciding(policy, statement));
            } else if (applies == Tri.YES) {
                noteAllow(policy, statement, principalMatch);
            }
        }
    }

    private void noteAllow(NamedPolicy policy, Statement statement, PrincipalMatch principalMatch) {
        switch (policy.type()) {
            case IDENTITY -> identityAllows = add(identityAllows, deciding(policy, statement));
            case PERMISSIONS_BOUNDARY -> boundaryAllows = true;
            case SESSION -> sessionAllows = true;
            case RESOURCE -> {
                switch (principalMatch) {
                    case DIRECT -> directAllows = add(directAllows, deciding(policy, statement));
                    case ISSUER -> issuerAllows = add(issuerAllows, deciding(policy, statement));
                    case ACCOUNT -> accountAllows = add(accountAllows, deciding(policy, statement));
                    default -> {
                    }
                }
            }
        }
    }

    private void noteMissingKeys(Statement statement) {
        String[] lowerCaseKeys = statement.referencedKeysLowerCase();
        for (int i = 0; i < lowerCaseKeys.length; i++) {
            List<String> values = request.valuesOf(lowerCaseKeys[i]);
            if (values == null || values.isEmpty()) {
                if (missingKeys == null) {
                    missingKeys = new LinkedHashMap<>();
                }
                missingKeys.putIfAbsent(lowerCaseKeys[i], statement.referencedKeys().get(i));
            }
        }
    }

    private void noteErrors(NamedPolicy policy, Statement statement) {
        if (errors == null) {
            errors = new ArrayList<>();
        }
        String where = policy.name() + " " + statement + " (" + statement.effect().wireName() + ", failed closed): ";
        List<String> problems = statement.problems(request);
        if (problems.isEmpty()) {
            errors.add(where + "cannot be evaluated");
        }
        for (String problem : problems) {
            errors.add(where + problem);
        }
    }

    private Decision implicitDeny() {
        return decision(Decision.Outcome.IMPLICIT_DENY, List.of());
    }

    /** @param deciding the allowing statements; null when none (the root user's own authority) */
    private Decision allowed(List<DecidingStatement> deciding) {
        return decision(Decision.Outcome.ALLOWED, deciding == null ? List.of() : deciding);
    }

    private Decision decision(Decision.Outcome outcome, List<DecidingStatement> deciding) {
        return new Decision(outcome, deciding,
                missingKeys == null ? List.of() : List.copyOf(missingKeys.values()),
                errors == null ? List.of() : errors);
    }

    /**
     * The statements of both lists, in order; either may be null (nothing). Copies only when both hold
     * statements: in the common case one group decides, and its list is handed over as it is.
     */
    private static List<DecidingStatement> join(List<DecidingStatement> first, List<DecidingStatement> second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        List<DecidingStatement> both = new ArrayList<>(first.size() + second.size());
        both.addAll(first);
        both.addAll(second);
        return both;
    }

    private static DecidingStatement deciding(NamedPolicy policy, Statement statement) {
        return new DecidingStatement(policy.name(), policy.type(), statement.sid(), statement.index(), statement.effect());
    }

    private static List<DecidingStatement> add(List<DecidingStatement> list, DecidingStatement statement) {
        List<DecidingStatement> out = list == null ? new ArrayList<>(2) : list;
        out.add(statement);
        return out;
    }
}

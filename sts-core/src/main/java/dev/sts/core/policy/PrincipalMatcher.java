package dev.sts.core.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A statement's Principal or NotPrincipal (AWS "IAM JSON policy elements: Principal"): {@code "*"}, or
 * {@code AWS} (an account id, {@code arn:aws:iam::ACCT:root}, user and role ARNs, assumed-role session and
 * federated-user ARNs, unique ids such as {@code AIDA…}/{@code AROA…}, or {@code "*"}), {@code Service},
 * {@code Federated} and {@code CanonicalUser} (accepted, never matched: requests here carry no canonical
 * user). Wildcards inside a principal ARN are refused, as IAM refuses them.
 */
final class PrincipalMatcher {
    static final Set<String> TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern PRINCIPAL_ARN = Pattern.compile(
            "arn:aws[a-z-]*:(iam::\\d{12}:(root|user/.+|role/.+)|sts::\\d{12}:(assumed-role/[^/]+/.+|federated-user/.+))");
    private static final Pattern UNIQUE_ID = Pattern.compile("A[A-Z0-9]{3}[A-Z0-9]{12,124}");
    private static final Pattern SERVICE = Pattern.compile("[a-zA-Z0-9.-]+");

    private final boolean anyone;
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> arns = new HashSet<>();
    private final Set<String> uniqueIds = new HashSet<>();
    private final Set<String> services = new HashSet<>();
    private final Set<String> federated = new HashSet<>();
    private final boolean negated;

    private PrincipalMatcher(boolean anyone, boolean negated) {
        this.anyone = anyone;
        this.negated = negated;
    }

    /** {@code "Principal": "*"}. */
    static PrincipalMatcher everyone(boolean negated) {
        return new PrincipalMatcher(true, negated);
    }

    /**
     * @param byType principal type ("AWS", "Service", ...) to its values, already checked to be non-empty strings
     * @throws IllegalArgumentException for a value IAM would call an invalid principal, naming it
     */
    static PrincipalMatcher of(Map<String, List<String>> byType, boolean negated) {
        boolean anyone = byType.getOrDefault("AWS", List.of()).contains("*");
        PrincipalMatcher matcher = new PrincipalMatcher(anyone, negated);
        for (Map.Entry<String, List<String>> entry : byType.entrySet()) {
            for (String value : entry.getValue()) {
                matcher.add(entry.getKey(), value);
            }
        }
        return matcher;
    }

    private void add(String type, String value) {
        switch (type) {
            case "AWS" -> {
                if (value.equals("*")) {
                    return;
                }
                if (ACCOUNT_ID.matcher(value).matches()) {
                    accounts.add(value);
                } else if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
                    throw invalid(type, value, "wildcards are not allowed in a principal ARN (use aws:PrincipalArn with ArnLike)");
                } else if (PRINCIPAL_ARN.matcher(value).matches()) {
                    if (value.endsWith(":root") && value.startsWith("arn:") && value.contains(":iam::")) {
                        accounts.add(value.split(":")[4]);
                    } else {
                        arns.add(value);
                    }
                } else if (UNIQUE_ID.matcher(value).matches()) {
                    uniqueIds.add(value);
                } else {
                    throw invalid(type, value, null);
                }
            }
            case "Service" -> {
                if (!SERVICE.matcher(value).matches()) {
                    throw invalid(type, value, null);
                }
                services.add(value.toLowerCase(Locale.ROOT));
            }
            case "Federated" -> {
                if (value.isBlank() || value.indexOf('*') >= 0) {
                    throw invalid(type, value, null);
                }
                federated.add(value);
            }
            case "CanonicalUser" -> {
                if (value.isBlank()) {
                    throw invalid(type, value, null);
                }
            }
            default -> throw new IllegalArgumentException("unknown principal type " + type);
        }
    }

    private static IllegalArgumentException invalid(String type, String value, String why) {
        String shown = value.length() > 128 ? value.substring(0, 128) + "..." : value;
        return new IllegalArgumentException("Invalid principal in policy: \"" + type + "\":\"" + shown + "\""
                + (why == null ? "" : " (" + why + ")"));
    }

    boolean negated() {
        return negated;
    }

    /**
     * How the statement applies to the principal. For NotPrincipal: DIRECT unless every identity of the
     * principal is listed; a Deny with NotPrincipal applies to any principal that has a permissions boundary
     * (AWS "Permissions boundaries for IAM entities": it "will always deny any IAM principal that has a
     * permissions boundary policy attached, regardless of the values specified in the NotPrincipal element").
     */
    PrincipalMatch match(RequestPrincipal principal, Effect effect, boolean principalHasBoundary) {
        if (negated) {
            if (effect == Effect.DENY && principalHasBoundary) {
                return PrincipalMatch.DIRECT;
            }
            return excludes(principal) ? PrincipalMatch.NONE : PrincipalMatch.DIRECT;
        }
        if (anyone) {
            return PrincipalMatch.DIRECT;
        }
        return switch (principal.kind()) {
            case SERVICE -> principal.service().map(s -> services.contains(s.toLowerCase(Locale.ROOT))).orElse(false)
                    ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
            case FEDERATED -> principal.federatedProvider().map(federated::contains).orElse(false)
                    ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
            case ANONYMOUS -> PrincipalMatch.NONE;
            case ROOT -> accounts.contains(principal.account()) ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
            default -> matchAccountPrincipal(principal);
        };
    }

    private PrincipalMatch matchAccountPrincipal(RequestPrincipal principal) {
        if (arns.contains(principal.arn()) || principal.kind() == PrincipalKind.USER && uniqueIds.contains(principal.userId())) {
            return PrincipalMatch.DIRECT;
        }
        if (principal.sessionIssuerArn().map(arns::contains).orElse(false) || principal.kind() == PrincipalKind.ROLE_SESSION
                && uniqueIds.contains(roleId(principal.userId()))) {
            return PrincipalMatch.ISSUER;
        }
        return accounts.contains(principal.account()) ? PrincipalMatch.ACCOUNT : PrincipalMatch.NONE;
    }

    /**
     * NotPrincipal exempts a principal only when all its identities are listed: a user needs its ARN and its
     * account, a role session its session ARN, its role ARN and its account (AWS "NotPrincipal" examples).
     */
    private boolean excludes(RequestPrincipal principal) {
        if (anyone) {
            return true;
        }
        return switch (principal.kind()) {
            case SERVICE -> principal.service().map(s -> services.contains(s.toLowerCase(Locale.ROOT))).orElse(false);
            case FEDERATED -> principal.federatedProvider().map(federated::contains).orElse(false);
            case ANONYMOUS -> false;
            case ROOT -> accounts.contains(principal.account());
            case USER -> (arns.contains(principal.arn()) || uniqueIds.contains(principal.userId()))
                    && accounts.contains(principal.account());
            case ROLE_SESSION -> arns.contains(principal.arn())
                    && principal.roleArn().map(arns::contains).orElse(false) && accounts.contains(principal.account());
            case FEDERATED_USER -> arns.contains(principal.arn()) && accounts.contains(principal.account());
        };
    }

    private static String roleId(String userId) {
        int colon = userId.indexOf(':');
        return colon < 0 ? userId : userId.substring(0, colon);
    }
}

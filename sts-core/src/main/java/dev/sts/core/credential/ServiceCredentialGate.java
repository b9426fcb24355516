package dev.sts.core.credential;

import java.io.ByteArrayOutputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one decision, per service, about who may call its private paths. Each {@link Rule} guards a path prefix
 * with a scope: the prefix itself and everything under it, so an endpoint added under a guarded prefix is
 * guarded without anyone remembering to. Paths are compared after decoding, removing dot segments, empty
 * segments and matrix parameters, and ignoring case: any spelling a router could take for a guarded path is
 * guarded (fail closed).
 *
 * <p>A guarded request passes only with a token, in the scope's header, that the scope's verifier recognises.
 * Otherwise it is refused: {@code 401} when no token or an unknown one was presented, {@code 403} when the
 * token is a live credential of another scope (its name is then known and audited).
 */
public final class ServiceCredentialGate {

    /** A guarded path prefix, e.g. {@code /internal} for {@link ServiceScope#KEY_RESOLUTION}. */
    public record Rule(String prefix, ServiceScope scope) {
        public Rule {
            if (!prefix.startsWith("/") || prefix.endsWith("/") || !prefix.equals(prefix.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("A guarded prefix is a lower-case path without a trailing slash");
            }
        }

        boolean covers(String canonicalPath) {
            return canonicalPath.equals(prefix) || canonicalPath.startsWith(prefix + "/");
        }
    }

    /** What the gate decided for one request. */
    public sealed interface Decision {
    }

    /** The path is not guarded by this gate. */
    public record Unguarded() implements Decision {
    }

    /** The request presented a live credential of the scope the path needs. */
    public record Granted(ServiceScope scope, String credentialName) implements Decision {
    }

    /**
     * The request is refused.
     *
     * @param scope          the scope the path needs
     * @param status         401 or 403
     * @param code           {@code MissingCredential}, {@code InvalidCredential} or {@code WrongScope}
     * @param credentialName the name of the credential presented, when it is a live one of another scope
     */
    public record Refused(ServiceScope scope, int status, String code, Optional<String> credentialName)
            implements Decision {
        /** A message for the caller and the log that says what is wrong, never the token. */
        public String message() {
            return switch (code) {
                case "MissingCredential" -> "this path needs a " + scope.label() + " credential in " + scope.header();
                case "WrongScope" -> "the credential presented is not a " + scope.label() + " credential";
                default -> "the credential presented in " + scope.header() + " is not a live " + scope.label()
                        + " credential";
            };
        }
    }

    private final List<Rule> rules;
    private final Map<ServiceScope, CredentialVerifier> verifiers;

    /**
     * @param rules     the guarded prefixes
     * @param verifiers every scope this service knows credentials of (at least each rule's scope)
     */
    public ServiceCredentialGate(List<Rule> rules, Map<ServiceScope, CredentialVerifier> verifiers) {
        this.rules = List.copyOf(rules);
        this.verifiers = new EnumMap<>(verifiers);
        for (Rule rule : rules) {
            if (!this.verifiers.containsKey(rule.scope())) {
                throw new IllegalArgumentException("No verifier for scope " + rule.scope().label());
            }
        }
    }

    /** Whether {@code path} needs a credential here (cheap: no token is looked at). */
    public boolean guards(String path) {
        String canonical = canonical(path);
        return rules.stream().anyMatch(r -> r.covers(canonical));
    }

    /**
     * Decides one request. May call a verifier that reads a shared store: call it where blocking is allowed.
     *
     * @param path    the request path as received (not yet decoded)
     * @param headers the request's headers by name
     */
    public Decision check(String path, Function<String, String> headers) {
        String canonical = canonical(path);
        Optional<Rule> rule = rules.stream().filter(r -> r.covers(canonical)).findFirst();
        if (rule.isEmpty()) {
            return new Unguarded();
        }
        ServiceScope scope = rule.get().scope();
        String token = headers.apply(scope.header());
        if (token == null || token.isEmpty()) {
            return new Refused(scope, 401, "MissingCredential", Optional.empty());
        }
        if (ServiceToken.nameOf(token).isEmpty()) {
            return new Refused(scope, 401, "InvalidCredential", Optional.empty());
        }
        Optional<String> name = verifiers.get(scope).verify(token);
        if (name.isPresent()) {
            return new Granted(scope, name.get());
        }
        for (Map.Entry<ServiceScope, CredentialVerifier> other : verifiers.entrySet()) {
            if (other.getKey() != scope) {
                Optional<String> otherName = other.getValue().verify(token);
                if (otherName.isPresent()) {
                    return new Refused(scope, 403, "WrongScope", otherName);
                }
            }
        }
        return new Refused(scope, 401, "InvalidCredential", Optional.empty());
    }

    /** Whether {@code path}, in any spelling a router could take for it, is {@code prefix} or under it. */
    public static boolean isUnder(String prefix, String path) {
        return new Rule(prefix, ServiceScope.ADMIN).covers(canonical(path));
    }

    /** The path as a router could understand it: decoded, without dot or empty segments or matrix parameters, lower case. */
    static String canonical(String path) {
        if (path != null && isPlain(path)) {
            // The common case (every STS and IAM request: "/"): nothing to decode or remove.
            String lower = path.toLowerCase(Locale.ROOT);
            return lower.length() > 1 && lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
        }
        String decoded = decode(path == null ? "" : path);
        StringBuilder out = new StringBuilder();
        java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            int matrix = segment.indexOf(';');
            String name = matrix >= 0 ? segment.substring(0, matrix) : segment;
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(name);
        }
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        return out.length() == 0 ? "/" : out.toString().toLowerCase(Locale.ROOT);
    }

    /** A path that starts with one slash and holds no escape, dot, backslash, matrix parameter or empty segment. */
    private static boolean isPlain(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' || c == '.' || c == ';' || c == '\\' || (c == '/' && i + 1 < path.length() && path.charAt(i + 1) == '/')) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decoding, repeated until nothing changes, so a double-encoded separator is still seen; malformed escapes stay as they are. */
    private static String decode(String path) {
        String current = path;
        for (int round = 0; round < 3 && current.indexOf('%') >= 0; round++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < current.length(); i++) {
                char c = current.charAt(i);
                if (c == '%' && i + 2 < current.length()
                        && Character.digit(current.charAt(i + 1), 16) >= 0 && Character.digit(current.charAt(i + 2), 16) >= 0) {
                    bytes.write(Character.digit(current.charAt(i + 1), 16) * 16 + Character.digit(current.charAt(i + 2), 16));
                    i += 2;
                } else {
                    byte[] encoded = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    bytes.write(encoded, 0, encoded.length);
                }
            }
            current = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
        return current.replace('\\', '/');
    }
}

package dev.sts.core.sigv4;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the signature a request claims, from its {@code Authorization} header
 * ({@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}) or from a presigned query string
 * ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-Expires},
 * {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}, {@code X-Amz-Security-Token}). Nothing is verified here
 * beyond the shape; absurd inputs are refused before any work is done on them.
 */
public final class SigV4Parser {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** More than any real client signs; the SDK signs four or five. */
    public static final int MAX_SIGNED_HEADERS = 64;
    public static final int MAX_ACCESS_KEY_ID_LENGTH = 128;
    /** Longest X-Amz-Expires AWS accepts: seven days. */
    public static final long MAX_PRESIGNED_EXPIRY_SECONDS = 604_800;
    static final int MAX_AUTHORIZATION_LENGTH = 8 * 1024;
    static final int MAX_SECURITY_TOKEN_LENGTH = 16 * 1024;
    private static final int MAX_SCOPE_PART_LENGTH = 64;

    static final String AUTHORIZATION = "authorization";
    static final String X_AMZ_DATE = "x-amz-date";
    static final String DATE = "date";
    static final String X_AMZ_SECURITY_TOKEN = "x-amz-security-token";

    static final String Q_ALGORITHM = "X-Amz-Algorithm";
    static final String Q_CREDENTIAL = "X-Amz-Credential";
    static final String Q_DATE = "X-Amz-Date";
    static final String Q_EXPIRES = "X-Amz-Expires";
    static final String Q_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String Q_SIGNATURE = "X-Amz-Signature";
    static final String Q_SECURITY_TOKEN = "X-Amz-Security-Token";
    private static final Set<String> QUERY_AUTH_PARAMETERS =
            Set.of(Q_ALGORITHM, Q_CREDENTIAL, Q_DATE, Q_EXPIRES, Q_SIGNED_HEADERS, Q_SIGNATURE, Q_SECURITY_TOKEN);

    private SigV4Parser() {
    }

    /**
     * @return what the request claims; {@code securityToken} comes from the {@code X-Amz-Security-Token} header
     *         (header auth) or query parameter (presigned, falling back to the header)
     * @throws StsException {@code MissingAuthenticationToken} when there is neither an {@code Authorization} header
     *         nor an {@code X-Amz-Signature}, {@code X-Amz-Credential} or {@code X-Amz-Algorithm} query parameter;
     *         {@code IncompleteSignature} when one is present but malformed: an unknown algorithm, a missing or
     *         repeated component, a bad credential scope, a missing or unparseable {@code X-Amz-Date}/{@code Date},
     *         a bad {@code X-Amz-Expires}, more than {@value #MAX_SIGNED_HEADERS} signed headers, a signature that
     *         is not 64 lower-case hex characters, both header and query authentication at once;
     *         {@code MalformedQueryString} when the query string has an invalid percent-escape
     */
    public static SignatureClaim parse(SignedRequest request) {
        List<String> authorization = request.headers().all(AUTHORIZATION);
        Map<String, List<String>> queryAuth = queryAuthParameters(request.rawQuery());
        boolean queryAuthPresent = queryAuth.containsKey(Q_SIGNATURE) || queryAuth.containsKey(Q_CREDENTIAL)
                || queryAuth.containsKey(Q_ALGORITHM);
        if (authorization.isEmpty() && !queryAuthPresent) {
            throw new StsException(StsErrorCode.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
        }
        if (!authorization.isEmpty() && queryAuthPresent) {
            throw incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                    + "Signature query string parameter or the Authorization header should be specified");
        }
        return authorization.isEmpty() ? fromQuery(request, queryAuth) : fromHeader(request, authorization);
    }

    private static SignatureClaim fromHeader(SignedRequest request, List<String> authorization) {
        if (authorization.size() > 1) {
            throw incomplete("Only one Authorization header is allowed.");
        }
        String header = authorization.get(0).trim();
        if (header.length() > MAX_AUTHORIZATION_LENGTH) {
            throw incomplete("Authorization header is too long.");
        }
        int space = indexOfWhitespace(header);
        String algorithm = space < 0 ? header : header.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            throw incomplete("Unsupported AWS 'algorithm': '" + printable(algorithm) + "'. Expected '" + ALGORITHM + "'.");
        }
        Map<String, String> components = new HashMap<>();
        if (space >= 0) {
            for (String part : header.substring(space + 1).split(",", -1)) {
                String component = part.trim();
                if (component.isEmpty()) {
                    continue;
                }
                int eq = component.indexOf('=');
                if (eq <= 0) {
                    throw incomplete("Authorization header has a malformed component: each must be 'Name=Value'.");
                }
                String name = component.substring(0, eq).trim();
                if (components.put(name, component.substring(eq + 1).trim()) != null) {
                    throw incomplete("Authorization header repeats '" + printable(name) + "'.");
                }
            }
        }
        String credential = components.get("Credential");
        String signedHeaders = components.get("SignedHeaders");
        String signature = components.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            StringBuilder message = new StringBuilder();
            appendMissing(message, credential, "Credential");
            appendMissing(message, signature, "Signature");
            appendMissing(message, signedHeaders, "SignedHeaders");
            throw incomplete(message.toString().trim());
        }
        Credential parsed = parseCredential(credential);
        Instant requestTime = headerRequestTime(request.headers());
        Optional<String> token = singleHeader(request.headers(), X_AMZ_SECURITY_TOKEN).map(SigV4Parser::checkToken);
        return new SignatureClaim(parsed.accessKeyId(), parsed.scope(), parseSignedHeaders(signedHeaders),
                parseSignature(signature), requestTime, token, false, Optional.empty());
    }

    private static SignatureClaim fromQuery(SignedRequest request, Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            if (entry.getValue().size() > 1) {
                throw incomplete("The query parameter '" + entry.getKey() + "' is given more than once.");
            }
            int limit = entry.getKey().equals(Q_SECURITY_TOKEN) ? MAX_SECURITY_TOKEN_LENGTH : MAX_AUTHORIZATION_LENGTH;
            if (entry.getValue().get(0).length() > limit) {
                throw incomplete("The query parameter '" + entry.getKey() + "' is too long.");
            }
        }
        String algorithm = single(query, Q_ALGORITHM);
        String credential = single(query, Q_CREDENTIAL);
        String date = single(query, Q_DATE);
        String signedHeaders = single(query, Q_SIGNED_HEADERS);
        String signature = single(query, Q_SIGNATURE);
        if (algorithm == null || credential == null || date == null || signedHeaders == null || signature == null) {
            throw incomplete("AWS query-string parameters must include '" + Q_ALGORITHM + "', '" + Q_CREDENTIAL
                    + "', '" + Q_SIGNATURE + "', '" + Q_DATE + "', '" + Q_SIGNED_HEADERS
                    + "'. Re-examine the query-string parameters.");
        }
        if (!algorithm.equals(ALGORITHM)) {
            throw incomplete("Unsupported AWS 'algorithm': '" + printable(algorithm) + "'. Expected '" + ALGORITHM + "'.");
        }
        Credential parsed = parseCredential(credential);
        Instant requestTime = AmzDate.parseBasic(date).orElseThrow(() -> badAmzDate(date));
        Optional<Duration> expiry = Optional.ofNullable(single(query, Q_EXPIRES)).map(SigV4Parser::parseExpires);
        Optional<String> token = Optional.ofNullable(single(query, Q_SECURITY_TOKEN))
                .or(() -> singleHeader(request.headers(), X_AMZ_SECURITY_TOKEN))
                .map(SigV4Parser::checkToken);
        return new SignatureClaim(parsed.accessKeyId(), parsed.scope(), parseSignedHeaders(signedHeaders),
                parseSignature(signature), requestTime, token, true, expiry);
    }

    /** The decoded authentication parameters of the query string, by exact (case-sensitive) name. */
    private static Map<String, List<String>> queryAuthParameters(String rawQuery) {
        if (rawQuery.isEmpty() || !rawQuery.contains("X-Amz-") && !rawQuery.contains("%")) {
            return Map.of();
        }
        Map<String, List<String>> found = new HashMap<>();
        for (RawQuery.Piece piece : RawQuery.split(rawQuery)) {
            String name = piece.name();
            if (QUERY_AUTH_PARAMETERS.contains(name)) {
                found.computeIfAbsent(name, n -> new ArrayList<>(1)).add(piece.value());
            }
        }
        return found;
    }

    private record Credential(String accessKeyId, CredentialScope scope) {
    }

    private static Credential parseCredential(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
        }
        String accessKeyId = parts[0];
        if (accessKeyId.isEmpty() || accessKeyId.length() > MAX_ACCESS_KEY_ID_LENGTH || !isAlphanumeric(accessKeyId)) {
            throw incomplete("Credential has a malformed access key id.");
        }
        if (!AmzDate.isScopeDate(parts[1])) {
            throw incomplete("Credential has a malformed date: '" + printable(parts[1]) + "'. Expected 'yyyyMMdd'.");
        }
        if (!isScopeName(parts[2])) {
            throw incomplete("Credential has a malformed region.");
        }
        if (!isScopeName(parts[3])) {
            throw incomplete("Credential has a malformed service.");
        }
        if (!parts[4].equals(CredentialScope.TERMINATOR)) {
            throw incomplete("Credential should be scoped with a valid terminator: '" + CredentialScope.TERMINATOR
                    + "', not '" + printable(parts[4]) + "'.");
        }
        return new Credential(accessKeyId, new CredentialScope(parts[1], parts[2], parts[3]));
    }

    private static List<String> parseSignedHeaders(String signedHeaders) {
        if (signedHeaders.isEmpty()) {
            throw incomplete("SignedHeaders must name at least one header.");
        }
        String[] names = signedHeaders.split(";", -1);
        if (names.length > MAX_SIGNED_HEADERS) {
            throw incomplete("SignedHeaders names more than " + MAX_SIGNED_HEADERS + " headers.");
        }
        List<String> result = new ArrayList<>(names.length);
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isEmpty() || !isHeaderToken(name)) {
                throw incomplete("SignedHeaders has a malformed header name.");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!seen.add(lower)) {
                throw incomplete("SignedHeaders repeats '" + lower + "'.");
            }
            result.add(lower);
        }
        return result;
    }

    private static String parseSignature(String signature) {
        if (signature.length() != 64) {
            throw incomplete("Signature must be 64 lower-case hexadecimal characters.");
        }
        for (int i = 0; i < 64; i++) {
            char c = signature.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw incomplete("Signature must be 64 lower-case hexadecimal characters.");
            }
        }
        return signature;
    }

    private static Duration parseExpires(String expires) {
        if (expires.isEmpty() || expires.length() > 7 || !expires.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw incomplete("X-Amz-Expires should be a number of seconds.");
        }
        long seconds = Long.parseLong(expires);
        if (seconds < 1 || seconds > MAX_PRESIGNED_EXPIRY_SECONDS) {
            throw incomplete("X-Amz-Expires must be between 1 and " + MAX_PRESIGNED_EXPIRY_SECONDS + " seconds.");
        }
        return Duration.ofSeconds(seconds);
    }

    private static Instant headerRequestTime(HttpHeaders headers) {
        Optional<String> amzDate = singleHeader(headers, X_AMZ_DATE);
        if (amzDate.isPresent()) {
            String value = amzDate.get().trim();
            return AmzDate.parseBasic(value).orElseThrow(() -> badAmzDate(value));
        }
        Optional<String> date = singleHeader(headers, DATE);
        if (date.isPresent()) {
            return AmzDate.parseHttpDate(date.get())
                    .orElseThrow(() -> incomplete("Date header must be an RFC 1123 date, e.g. 'Mon, 23 Nov 2026 10:00:00 GMT'."));
        }
        throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    private static Optional<String> singleHeader(HttpHeaders headers, String name) {
        List<String> values = headers.all(name);
        if (values.size() > 1) {
            throw incomplete("Only one '" + name + "' header is allowed.");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null ? null : values.get(0);
    }

    private static String checkToken(String token) {
        if (token.isEmpty() || token.length() > MAX_SECURITY_TOKEN_LENGTH) {
            throw incomplete("X-Amz-Security-Token is empty or too long.");
        }
        return token;
    }

    private static StsException badAmzDate(String value) {
        return incomplete("Date must be in ISO-8601 'basic format'. Got '" + printable(value)
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    private static void appendMissing(StringBuilder message, String value, String name) {
        if (value == null) {
            message.append("Authorization header requires '").append(name).append("' parameter. ");
        }
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** Regions and services: lower-case letters, digits and hyphens. */
    private static boolean isScopeName(String s) {
        if (s.isEmpty() || s.length() > MAX_SCOPE_PART_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** An HTTP header field name (RFC 9110 token). */
    private static boolean isHeaderToken(String s) {
        if (s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Echoes short client input safely: printable ASCII only, cut to 32 characters. */
    static String printable(String raw) {
        String cut = raw.length() > 32 ? raw.substring(0, 32) + "..." : raw;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static StsException incomplete(String message) {
        return new StsException(StsErrorCode.INCOMPLETE_SIGNATURE, message);
    }
}

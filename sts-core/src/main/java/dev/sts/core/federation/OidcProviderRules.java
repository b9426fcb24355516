package dev.sts.core.federation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.arn.Arn;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.protocol.ParameterConstraint;
import dev.sts.core.protocol.ValidationErrors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * IAM's rules for OpenID Connect providers (CreateOpenIDConnectProvider and the actions on a provider), phrased as
 * IAM phrases its refusals:
 * <ul>
 *   <li>{@code Url}: 1–255 characters, {@code https://HOST[:PORT][/PATH]} without user info, query or fragment; the
 *       provider's {@code url} is that without its scheme, its {@code issuer} the URL exactly as given (a token's
 *       {@code iss} must equal it). Nothing is normalized, as on AWS: a trailing slash or another case is another
 *       provider. Beyond AWS, for developers and tests only ({@code allowLoopbackHttpIssuers}): also
 *       {@code http://127.0.0.1[:PORT]/…} and {@code http://localhost[:PORT]/…}, never plain http to any other host;</li>
 *   <li>{@code ClientIDList}: at most {@value #MAX_CLIENT_IDS}, each 1–255 characters, repeats dropped (adding a
 *       registered client id is a no-op on AWS too);</li>
 *   <li>{@code ThumbprintList}: at most {@value #MAX_THUMBPRINTS} (optional, as on AWS since 2024), each exactly 40
 *       hex digits, repeats dropped;</li>
 *   <li>{@code OpenIDConnectProviderArn}: 20–2,048 characters, {@code arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH};</li>
 *   <li>at most {@value #MAX_PROVIDERS_PER_ACCOUNT} providers per account;</li>
 *   <li>beyond AWS, an optional registered JWKS ({@code Jwks}, for an issuer whose discovery document is not
 *       reachable, such as a private Kubernetes cluster): a JSON object whose only member is {@code keys}, 1–
 *       {@value #MAX_JWKS_KEYS} public RSA or EC signing keys, at most {@value #MAX_JWKS_LENGTH} characters.</li>
 * </ul>
 */
public final class OidcProviderRules {
    public static final int MAX_URL_LENGTH = 255;
    public static final int MAX_CLIENT_IDS = 100;
    public static final int MAX_THUMBPRINTS = 5;
    public static final int MAX_PROVIDERS_PER_ACCOUNT = 100;
    public static final ParameterConstraint URL = new ParameterConstraint("OpenIDConnectProviderUrlType", 1,
            MAX_URL_LENGTH, null, null);
    public static final ParameterConstraint CLIENT_ID = new ParameterConstraint("clientIDType", 1, 255, null, null);
    public static final ParameterConstraint THUMBPRINT = new ParameterConstraint("thumbprintType", 40, 40, null, null);
    public static final ParameterConstraint PROVIDER_ARN = new ParameterConstraint("arnType", 20, Arn.MAX_LENGTH, null, null);
    public static final int MAX_JWKS_LENGTH = 32_768;
    public static final int MAX_JWKS_KEYS = 16;
    /** Members that only a private or symmetric key has: a JWKS holding one is refused, never stored. */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final Set<String> EC_CURVES = Set.of("P-256", "P-384", "P-521");
    private static final Set<String> SIGNING_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\u0021-\\u007E]+");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost");

    private final boolean allowLoopbackHttpIssuers;

    /**
     * @param allowLoopbackHttpIssuers whether plain-http issuers on a loopback host name are accepted (the local
     *                                 profile: {@code sts.federation.allow-loopback-http-issuers}); false in production
     */
    public OidcProviderRules(boolean allowLoopbackHttpIssuers) {
        this.allowLoopbackHttpIssuers = allowLoopbackHttpIssuers;
    }

    /** An issuer as registered: {@code issuer} exactly as given, {@code url} the same without its scheme. */
    public record Issuer(String issuer, String url) {
    }

    /**
     * Checks a provider's {@code Url}.
     *
     * @throws StsException ValidationError for its length, InvalidInput for anything but an https (or, when allowed,
     *                      loopback http) URL with a host and no user info, query or fragment
     */
    public Issuer issuer(String value) {
        URL.require("url", value);
        if (!PRINTABLE_ASCII.matcher(value).matches()) {
            throw invalidUrl();
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalidUrl();
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || host.isEmpty() || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || value.contains("?") || value.contains("#")
                || uri.isOpaque()) {
            throw invalidUrl();
        }
        boolean https = scheme.equals("https");
        boolean loopbackHttp = scheme.equals("http") && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
        if (!https && !(loopbackHttp && allowLoopbackHttpIssuers)) {
            throw invalidUrl();
        }
        String url = value.substring(scheme.length() + "://".length());
        if (url.isEmpty() || url.startsWith("/")) {
            throw invalidUrl();
        }
        return new Issuer(value, url);
    }

    /** ClientIDList, or the client ids after an AddClientID: each 1–255 characters, at most 100, repeats dropped. */
    public List<String> clientIds(List<String> values) {
        ValidationErrors errors = new ValidationErrors();
        for (int i = 0; i < values.size(); i++) {
            CLIENT_ID.check("clientIDList." + (i + 1) + ".member", values.get(i), errors);
        }
        errors.throwIfAny();
        List<String> distinct = List.copyOf(new LinkedHashSet<>(values));
        if (distinct.size() > MAX_CLIENT_IDS) {
            throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: "
                    + MAX_CLIENT_IDS);
        }
        return distinct;
    }

    /** One ClientID (AddClientIDToOpenIDConnectProvider, RemoveClientIDFromOpenIDConnectProvider). */
    public void clientId(String value) {
        CLIENT_ID.require("clientID", value);
    }

    /** ThumbprintList: at most 5 thumbprints of exactly 40 hex digits, repeats dropped. */
    public List<String> thumbprints(List<String> values) {
        ValidationErrors errors = new ValidationErrors();
        for (int i = 0; i < values.size(); i++) {
            THUMBPRINT.check("thumbprintList." + (i + 1) + ".member", values.get(i), errors);
        }
        errors.throwIfAny();
        for (String value : values) {
            if (!HEX.matcher(value).matches()) {
                throw new StsException(StsErrorCode.INVALID_INPUT, "Thumbprint must be a 40-character hex-encoded SHA-1 hash.");
            }
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        if (distinct.size() > MAX_THUMBPRINTS) {
            throw new StsException(StsErrorCode.INVALID_INPUT, "Thumbprint list must contain fewer than "
                    + (MAX_THUMBPRINTS + 1) + " entries.");
        }
        return List.copyOf(distinct);
    }

    /**
     * Checks an {@code OpenIDConnectProviderArn} parameter and returns it.
     *
     * @throws StsException ValidationError for its length, InvalidInput when it is not an IAM oidc-provider ARN
     */
    public String providerArn(String value) {
        PROVIDER_ARN.require("openIDConnectProviderArn", value);
        Arn arn;
        try {
            arn = Arn.parse(value);
        } catch (StsException malformed) {
            throw invalidArn(value);
        }
        if (!arn.partition().equals("aws") || !arn.service().equals("iam") || !arn.region().isEmpty()
                || !arn.account().matches("\\d{12}") || !arn.resource().startsWith("oidc-provider/")
                || arn.resource().length() == "oidc-provider/".length()) {
            throw invalidArn(value);
        }
        return value;
    }

    /**
     * Beyond AWS: checks a JWKS document registered with a provider instead of discovery, and returns it.
     *
     * @throws StsException InvalidInput when it is not a JSON Web Key Set of 1–16 public RSA or EC signing keys
     *                      (a private or symmetric key is refused without being echoed), or longer than 32,768 characters
     */
    public String registeredJwks(String json) {
        if (json == null || json.isEmpty() || json.length() > MAX_JWKS_LENGTH) {
            throw invalidJwks("it must be 1 to " + MAX_JWKS_LENGTH + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalidJwks("it is not JSON");
        }
        if (root == null || !root.isObject() || root.size() != 1 || !root.path("keys").isArray()) {
            throw invalidJwks("it must be an object whose only member is \"keys\", an array");
        }
        JsonNode keys = root.get("keys");
        if (keys.isEmpty() || keys.size() > MAX_JWKS_KEYS) {
            throw invalidJwks("it must hold 1 to " + MAX_JWKS_KEYS + " keys");
        }
        Set<String> kids = new HashSet<>();
        for (JsonNode key : keys) {
            publicSigningKey(key);
            if (key.has("kid") && !kids.add(key.get("kid").asText())) {
                throw invalidJwks("two keys have the same kid");
            }
        }
        return json;
    }

    private static void publicSigningKey(JsonNode key) {
        if (!key.isObject()) {
            throw invalidJwks("every key must be an object");
        }
        for (Iterator<String> names = key.fieldNames(); names.hasNext(); ) {
            if (PRIVATE_MEMBERS.contains(names.next())) {
                throw invalidJwks("it holds a private or symmetric key; register public keys only");
            }
        }
        for (String member : List.of("kty", "kid", "use", "alg", "n", "e", "crv", "x", "y")) {
            if (key.has(member) && !key.get(member).isTextual()) {
                throw invalidJwks("the key member " + member + " must be a string");
            }
        }
        String kty = key.path("kty").asText("");
        switch (kty) {
            case "RSA" -> {
                if (!key.hasNonNull("n") || !key.hasNonNull("e")) {
                    throw invalidJwks("an RSA key needs n and e");
                }
            }
            case "EC" -> {
                if (!EC_CURVES.contains(key.path("crv").asText("")) || !key.hasNonNull("x") || !key.hasNonNull("y")) {
                    throw invalidJwks("an EC key needs crv (P-256, P-384 or P-521), x and y");
                }
            }
            default -> throw invalidJwks("every key's kty must be RSA or EC");
        }
        if (key.has("use") && !key.get("use").asText().equals("sig")) {
            throw invalidJwks("a key's use, when given, must be sig");
        }
        if (key.has("alg") && !SIGNING_ALGORITHMS.contains(key.get("alg").asText())) {
            throw invalidJwks("a key's alg, when given, must be one of " + new TreeSet<>(SIGNING_ALGORITHMS));
        }
    }

    private static StsException invalidJwks(String reason) {
        return new StsException(StsErrorCode.INVALID_INPUT, "Jwks is not a valid JSON Web Key Set of public signing keys: "
                + reason + ".");
    }

    /** A new provider in an account that has {@code existing} already. */
    public void providerQuota(int existing) {
        if (existing >= MAX_PROVIDERS_PER_ACCOUNT) {
            throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for OpenIdConnectProvidersPerAccount: "
                    + MAX_PROVIDERS_PER_ACCOUNT);
        }
    }

    /** EntityAlreadyExists for a second provider of the same URL in an account, worded as IAM words it. */
    public static StsException alreadyExists(String issuer) {
        return new StsException(StsErrorCode.ENTITY_ALREADY_EXISTS, "Provider with url " + issuer + " already exists.");
    }

    private StsException invalidUrl() {
        return new StsException(StsErrorCode.INVALID_INPUT, allowLoopbackHttpIssuers
                ? "Invalid Openid Connect Provider URL: it must be https://HOST[/PATH] (or http://127.0.0.1[:PORT][/PATH] or"
                + " http://localhost[:PORT][/PATH]), without user info, query or fragment."
                : "Invalid Openid Connect Provider URL: it must be https://HOST[/PATH], without user info, query or fragment.");
    }

    private static StsException invalidArn(String value) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return new StsException(StsErrorCode.INVALID_INPUT, "ARN " + shown + " is not valid.");
    }
}

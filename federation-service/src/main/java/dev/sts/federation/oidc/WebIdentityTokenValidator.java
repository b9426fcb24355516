package dev.sts.federation.oidc;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import dev.sts.core.error.StsException;
import dev.sts.core.federation.OidcProvider;
import dev.sts.core.federation.WebIdentityAssertion;
import dev.sts.core.iam.IamRepository;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates a web identity token (an OpenID Connect ID token, a Kubernetes service-account token, any JWT an OIDC
 * issuer signs) presented for a role of one account, as AssumeRoleWithWebIdentity does, and says what it vouches for.
 *
 * <p>The order is a checklist: the size, the compact JWS shape (no JWE, no unsecured token), the header ({@code alg}
 * in {@link SignatureKeys#ALGORITHMS}, no {@code crit}); the provider, found by the unverified {@code iss} in the
 * account's registered providers ({@code iss} must equal its issuer exactly, and is never this platform's own outbound
 * issuer); the signature, with the provider's keys only ({@link IssuerKeys}, {@link SignatureKeys}); then the claims
 * ({@link WebIdentityClaims}).
 *
 * <p>Refusals are {@link StsException}s: InvalidIdentityToken, ExpiredTokenException, IDPCommunicationError (the
 * issuer's keys cannot be fetched). Nothing else is thrown for any token.
 */
public final class WebIdentityTokenValidator {
    /** AssumeRoleWithWebIdentity's WebIdentityToken: 4–20,000 characters. */
    public static final int MAX_TOKEN_LENGTH = 20_000;
    static final int MIN_TOKEN_LENGTH = 4;
    static final int MAX_ISSUER_LENGTH = 2048;
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /** The shape of this platform's outbound issuer identifiers: {@code <base>/outbound/<32 hex>}. */
    private static final Pattern OUTBOUND_ISSUER = Pattern.compile(".*/outbound/[0-9a-f]{32}");

    private final IamRepository iam;
    private final IssuerKeys keys;
    private final OidcSettings settings;
    private final Clock clock;
    private final String ownIssuerPrefix;

    /**
     * @param iam      the IAM view the providers are read from (read-only is enough)
     * @param settings how to validate and fetch
     * @param clock    the time tokens are judged at
     */
    public WebIdentityTokenValidator(IamRepository iam, OidcSettings settings, Clock clock) {
        this(iam, settings, clock, Ticker.systemTicker());
    }

    /** As {@link #WebIdentityTokenValidator(IamRepository, OidcSettings, Clock)}, with the key caches' time source given: for tests. */
    WebIdentityTokenValidator(IamRepository iam, OidcSettings settings, Clock clock, Ticker ticker) {
        this.iam = iam;
        this.settings = settings;
        this.clock = clock;
        this.keys = new IssuerKeys(new IssuerHttpClient(settings), settings, ticker);
        String base = settings.outboundIssuerBase();
        this.ownIssuerPrefix = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/outbound/";
    }

    /**
     * What {@code token} vouches for, when a provider registered in {@code account} signed it and its claims hold.
     *
     * @param account    the account of the role the token is presented for (12 digits)
     * @param token      the token as presented
     * @param providerId AssumeRoleWithWebIdentity's ProviderId (OAuth 2.0 providers): not supported, refused if given
     * @throws StsException InvalidIdentityToken, ExpiredTokenException or IDPCommunicationError
     */
    public WebIdentityAssertion validate(String account, String token, Optional<String> providerId) {
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("account must be 12 digits");
        }
        if (providerId.isPresent()) {
            throw WebIdentityRefusals.invalid("ProviderId is only for OAuth 2.0 access tokens, which this service does"
                    + " not accept; present an OpenID Connect ID token without it");
        }
        if (token == null || token.length() < MIN_TOKEN_LENGTH || token.length() > MAX_TOKEN_LENGTH) {
            throw WebIdentityRefusals.invalid("The web identity token must be " + MIN_TOKEN_LENGTH + "-" + MAX_TOKEN_LENGTH
                    + " characters");
        }
        JWSObject jws = parse(token);
        JWSHeader header = jws.getHeader();
        if (!SignatureKeys.ALGORITHMS.contains(header.getAlgorithm())) {
            throw WebIdentityRefusals.invalid("The token's signing algorithm is not supported: use RS256, RS384, RS512,"
                    + " PS256, PS384, PS512, ES256, ES384 or ES512");
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            throw WebIdentityRefusals.invalid("The token's header has critical parameters (crit), which are not supported");
        }
        if (!header.isBase64URLEncodePayload()) {
            // RFC 7797's unencoded payload: never part of an ID token, and it changes what is signed.
            throw WebIdentityRefusals.invalid("The token's header asks for an unencoded payload (b64), which is not supported");
        }
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        if (claims == null) {
            throw WebIdentityRefusals.notValidated();
        }
        OidcProvider provider = provider(account, claims.get("iss"));
        verify(jws, provider);
        return WebIdentityClaims.assertion(provider, claims, clock.instant(), settings.clockSkew());
    }

    private static JWSObject parse(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        if (dots != 2) {
            // Five parts is a JWE; anything else is not a token at all.
            throw WebIdentityRefusals.invalid("The web identity token must be a signed JWT (compact JWS)");
        }
        try {
            // Nimbus refuses "alg": "none" (and every non-signature alg) while parsing a JWS header.
            return JWSObject.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw WebIdentityRefusals.invalid("The web identity token must be a signed JWT (compact JWS)");
        }
    }

    /** The account's provider for {@code iss}, which must be its issuer exactly. */
    private OidcProvider provider(String account, Object iss) {
        if (!(iss instanceof String issuer) || issuer.isEmpty() || issuer.length() > MAX_ISSUER_LENGTH) {
            throw WebIdentityRefusals.invalid("The token has no valid issuer (iss)");
        }
        if (issuer.startsWith(ownIssuerPrefix)) {
            // GetWebIdentityToken's tokens are for other parties, never for this STS (as AWS refuses its own).
            throw WebIdentityRefusals.invalid("Tokens issued by this service's GetWebIdentityToken cannot be used with"
                    + " AssumeRoleWithWebIdentity");
        }
        String url = urlOf(issuer).orElseThrow(() -> WebIdentityRefusals.noProvider(issuer));
        Optional<OidcProvider> provider = iam.findOidcProvider(OidcProvider.arnOf(account, url));
        if (provider.isEmpty() && url.endsWith("/")) {
            provider = iam.findOidcProvider(OidcProvider.arnOf(account, url.substring(0, url.length() - 1)));
        }
        if (provider.isEmpty() || !provider.get().issuer().equals(issuer)) {
            throw WebIdentityRefusals.noProvider(issuer);
        }
        // An outbound issuer under another base (the base reconfigured since): known by its shape, then by the records.
        boolean ownOutboundIssuer = OUTBOUND_ISSUER.matcher(issuer).matches() && iam.listOutboundFederations().stream()
                .anyMatch(federation -> federation.issuerIdentifier().equals(issuer));
        if (ownOutboundIssuer) {
            throw WebIdentityRefusals.invalid("Tokens issued by this service's GetWebIdentityToken cannot be used with"
                    + " AssumeRoleWithWebIdentity");
        }
        return provider.get();
    }

    /** {@code HOST/PATH} of an https issuer (or of a loopback http one when allowed); empty for anything else. */
    private Optional<String> urlOf(String issuer) {
        String scheme = issuer.startsWith("https://") ? "https" : issuer.startsWith("http://") ? "http" : null;
        if (scheme == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        if (scheme.equals("http") && !(settings.allowLoopbackHttpIssuers() && IssuerHttpClient.isLoopback(uri.getHost()))) {
            return Optional.empty();
        }
        return Optional.of(issuer.substring(scheme.length() + 3));
    }

    private void verify(JWSObject jws, OidcProvider provider) {
        JWSHeader header = jws.getHeader();
        List<JWSVerifier> verifiers = SignatureKeys.verifiers(keys.keysFor(provider, header.getKeyID()), header);
        if (verifiers.isEmpty()) {
            throw WebIdentityRefusals.invalid("No key of the identity provider matches the token's key id (kid) and"
                    + " algorithm");
        }
        for (JWSVerifier verifier : verifiers) {
            try {
                if (jws.verify(verifier)) {
                    return;
                }
            } catch (JOSEException | IllegalStateException e) {
                // A verifier that cannot process this token (e.g. a signature of the wrong length) does not verify it.
            }
        }
        throw WebIdentityRefusals.invalid("The token's signature is not valid");
    }
}

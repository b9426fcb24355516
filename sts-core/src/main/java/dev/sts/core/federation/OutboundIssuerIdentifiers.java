package dev.sts.core.federation;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The issuer identifiers of outbound web identity federation (IAM EnableOutboundWebIdentityFederation):
 * {@code <base>/outbound/<32 random lower-case hex digits>}, one per account. The random part is what
 * federation-service serves the account's discovery document and JWKS under ({@code /outbound/{issuerId}/…}), so an
 * account's issuer cannot be guessed from its id.
 */
public final class OutboundIssuerIdentifiers {
    /** The path segment before the random id. */
    public static final String PATH = "/outbound/";
    private static final Pattern ISSUER_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern BASE = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(/[\\u0021-\\u007E]*)?");

    private final String base;
    private final SecureRandom random;

    /**
     * @param base the public base URL of federation-service as relying parties reach it
     *             ({@code sts.federation.outbound-issuer-base}); a trailing slash is ignored
     * @throws IllegalArgumentException when it is not an http(s) URL without query or fragment
     */
    public OutboundIssuerIdentifiers(String base, SecureRandom random) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (!BASE.matcher(trimmed).matches() || trimmed.contains("?") || trimmed.contains("#")) {
            throw new IllegalArgumentException("sts.federation.outbound-issuer-base must be an http(s) URL without query"
                    + " or fragment");
        }
        this.base = trimmed;
        this.random = random;
    }

    /** A new issuer identifier: {@code <base>/outbound/<32 random hex>}. */
    public String newIdentifier() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return base + PATH + HexFormat.of().formatHex(id);
    }

    /** Whether {@code issuerId} (the last segment of an identifier) has the form {@link #newIdentifier} gives it. */
    public static boolean isIssuerId(String issuerId) {
        return issuerId != null && ISSUER_ID.matcher(issuerId).matches();
    }
}

package dev.sts.core.credential;

/**
 * The privilege a service credential grants, with the header that carries it. A credential has exactly one
 * scope: a resource service's authorize credential cannot resolve keys, the key-resolution credential cannot
 * authorize, and neither reaches the admin API.
 */
public enum ServiceScope {
    /** policy-service's {@code /internal/*}: key resolution for services that verify long-term-key signatures. */
    KEY_RESOLUTION("key-resolution", "X-Sts-Internal-Token"),
    /** policy-service's {@code /v1/authorize} and everything under it: resource services, one credential each. */
    AUTHORIZE("authorize", "X-Sts-Authorize-Token"),
    /**
     * federation-service's {@code /internal/*}: token-service forwarding the federation actions (token validation,
     * GetWebIdentityToken signing). Credential {@code STS_FEDERATION_TOKEN}.
     */
    FEDERATION("federation", "X-Sts-Federation-Token"),
    /** Every service's {@code /admin/*} on its management port: operators. */
    ADMIN("admin", "X-Sts-Admin-Token");

    private final String label;
    private final String header;

    ServiceScope(String label, String header) {
        this.label = label;
        this.header = header;
    }

    /** The scope's name in configuration, audit events and answers, e.g. {@code key-resolution}. */
    public String label() {
        return label;
    }

    /** The HTTP header that carries a credential of this scope. */
    public String header() {
        return header;
    }
}

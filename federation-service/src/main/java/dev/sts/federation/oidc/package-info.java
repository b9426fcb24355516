/**
 * Inbound web identity: validating OpenID Connect ID tokens and Kubernetes service-account tokens presented to
 * AssumeRoleWithWebIdentity. {@link dev.sts.federation.oidc.WebIdentityTokenValidator} is the entry point (the
 * checklist); {@code IssuerKeys} finds and caches issuers' keys through {@code IssuerHttpClient}; {@code SignatureKeys}
 * says which key may verify which token; {@code WebIdentityClaims} turns the verified claims into the core's
 * {@link dev.sts.core.federation.WebIdentityAssertion}. Nimbus JOSE+JWT is used here (and in the outbound package)
 * only; nothing of it leaves the package.
 */
package dev.sts.federation.oidc;

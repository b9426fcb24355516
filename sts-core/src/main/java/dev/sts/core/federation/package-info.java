/**
 * Federation with external identity providers: the registered OpenID Connect providers and the rules IAM registers
 * them by ({@link dev.sts.core.federation.OidcProviderRules}), the neutral record a validated web identity token
 * becomes, and outbound federation (GetWebIdentityToken) with its per-account issuer identifiers. Token parsing
 * itself lives in federation-service only; the rules that decide with its result live here.
 */
package dev.sts.core.federation;

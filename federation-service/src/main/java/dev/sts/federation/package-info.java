/**
 * federation-service: the only place that parses external identity tokens. token-service forwards the federation
 * actions to its internal API ({@code /internal/*}, the federation service credential) and gets back the core's neutral
 * records ({@link dev.sts.core.federation.WebIdentityAssertion}); it also signs GetWebIdentityToken's tokens and
 * publishes their issuers' discovery documents and keys. JOSE (Nimbus) is used only in {@code oidc} and
 * {@code outbound}.
 */
package dev.sts.federation;

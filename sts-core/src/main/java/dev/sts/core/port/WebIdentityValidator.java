package dev.sts.core.port;

import dev.sts.core.federation.WebIdentityAssertion;

import java.util.Optional;

/**
 * Validates a web identity token (an OpenID Connect ID token) for AssumeRoleWithWebIdentity: its signature against
 * the issuer's keys, its issuer against a provider registered in the role's account, its audience against that
 * provider's client ids, its times. token-service implements it by asking federation-service, the only place that
 * parses external tokens.
 */
@FunctionalInterface
public interface WebIdentityValidator {
    /**
     * @param account    the account of the role to be assumed: the providers registered there are the ones trusted
     * @param token      the token as the caller sent it (never logged, never echoed)
     * @param providerId the request's ProviderId, when it gave one
     * @return what the token says, once validated
     * @throws dev.sts.core.error.StsException InvalidIdentityToken, IDPCommunicationError, IDPRejectedClaim or
     *                                         ExpiredTokenException, worded as AWS words them, for a token refused;
     *                                         ServiceUnavailable when the validation could not be done at all
     */
    WebIdentityAssertion validate(String account, String token, Optional<String> providerId);
}

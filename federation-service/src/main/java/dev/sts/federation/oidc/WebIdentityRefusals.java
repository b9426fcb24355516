package dev.sts.federation.oidc;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;

/**
 * The refusals of web identity validation, worded as AWS words them where AWS's wording is known. No message ever
 * carries the token or a key; the only value from the token one names is {@code iss} (as AWS does), bounded in length.
 */
final class WebIdentityRefusals {
    static final String NOT_VALIDATED = "The web identity token that was passed could not be validated. Get a new"
            + " identity token from the identity provider and then retry the request.";
    static final String KEYS_UNAVAILABLE = "Couldn't retrieve verification key from your identity provider, please"
            + " reference AssumeRoleWithWebIdentity documentation for requirements";

    private WebIdentityRefusals() {
    }

    static StsException invalid(String message) {
        return new StsException(StsErrorCode.INVALID_IDENTITY_TOKEN, message);
    }

    static StsException notValidated() {
        return invalid(NOT_VALIDATED);
    }

    static StsException noProvider(String issuer) {
        return invalid("No OpenIDConnect provider found in your account for " + issuer);
    }

    static StsException audience() {
        return invalid("Incorrect token audience");
    }

    static StsException expired(long now, long expiresAt) {
        return new StsException(StsErrorCode.EXPIRED_TOKEN_EXCEPTION,
                "Token expired: current date/time " + now + " must be before the expiration date/time " + expiresAt);
    }

    static StsException keysUnavailable() {
        return new StsException(StsErrorCode.IDP_COMMUNICATION_ERROR, KEYS_UNAVAILABLE);
    }
}

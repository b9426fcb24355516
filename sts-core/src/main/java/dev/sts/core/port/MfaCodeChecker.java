package dev.sts.core.port;

import dev.sts.core.mfa.MfaCodeCheck;

import java.util.Optional;

/**
 * Judges a TokenCode against the virtual MFA device a SerialNumber names, for {@link dev.sts.core.mfa.MfaVerification}:
 * whose device it is, whether it is enabled, and the time step the code is right for. It counts and spends
 * nothing (the verification does that), and the TOTP seed never crosses it: policy-service, which holds the seeds,
 * implements it over the IAM store ({@link dev.sts.core.mfa.IamMfaCodeChecker}); token-service asks policy-service.
 */
public interface MfaCodeChecker {
    /**
     * @param serialNumber a well-formed serial number ({@link MfaCodeCheck#wellFormed})
     * @param tokenCode    six digits
     * @return empty when no such device exists
     * @throws dev.sts.core.error.StsException ServiceUnavailable when the checker cannot be reached
     */
    Optional<MfaCodeCheck> check(String serialNumber, String tokenCode);
}

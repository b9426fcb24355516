package dev.sts.core.mfa;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * What a {@link dev.sts.core.port.MfaCodeChecker} found for a serial number and a code: the device's account, the
 * user it is enabled for, and the time step the code is right for. It carries no seed.
 *
 * @param account      the device's account
 * @param serialNumber the device's serial number
 * @param userName     the user the device is enabled for, or {@code null} while it is not enabled
 * @param step         the TOTP time step the code is right for (within {@link IamMfaCodeChecker#DRIFT_STEPS}), or
 *                     empty when it is right for none
 */
public record MfaCodeCheck(String account, String serialNumber, String userName, OptionalLong step) {
    /** A virtual MFA device's serial number: its ARN, at most {@value #MAX_SERIAL_NUMBER} characters. */
    public static final Pattern SERIAL_NUMBER = Pattern.compile("arn:aws:iam::[0-9]{12}:mfa/[\\w+=,.@/-]{1,226}");
    /** SerialNumber's limit on AssumeRole and GetSessionToken. */
    public static final int MAX_SERIAL_NUMBER = 256;
    private static final Pattern TOKEN_CODE = Pattern.compile("[0-9]{6}");

    public MfaCodeCheck {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(step, "step");
    }

    /** Whether the device is enabled for a user. */
    public boolean enabled() {
        return userName != null;
    }

    /**
     * Whether a serial number and code are worth asking about: a virtual device's ARN of at most
     * {@value #MAX_SERIAL_NUMBER} characters and six digits. Anything else names no device this service knows.
     */
    public static boolean wellFormed(String serialNumber, String tokenCode) {
        return serialNumber != null && tokenCode != null && serialNumber.length() <= MAX_SERIAL_NUMBER
                && SERIAL_NUMBER.matcher(serialNumber).matches() && TOKEN_CODE.matcher(tokenCode).matches();
    }
}

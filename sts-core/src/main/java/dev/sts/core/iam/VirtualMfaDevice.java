package dev.sts.core.iam;

import java.time.Instant;

/**
 * A virtual MFA device (a TOTP authenticator).
 *
 * @param serialNumber the device's ARN, {@code arn:aws:iam::ACCOUNT:mfa/PATH/NAME}
 * @param base32Seed   the shared TOTP secret; never logged, returned only once at creation
 * @param userName     the user it is enabled for, or null while not enabled
 * @param enableDate   when it was enabled, or null
 */
public record VirtualMfaDevice(String account, String serialNumber, String base32Seed, String userName,
                               Instant enableDate, Instant createDate) {
    public VirtualMfaDevice enabledFor(String user, Instant when) {
        return new VirtualMfaDevice(account, serialNumber, base32Seed, user, when, createDate);
    }

    @Override
    public String toString() {
        return "VirtualMfaDevice[serialNumber=" + serialNumber + ", userName=" + userName + "]";
    }
}

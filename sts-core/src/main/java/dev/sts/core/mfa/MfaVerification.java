package dev.sts.core.mfa;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.IamRepository;
import dev.sts.core.iam.VirtualMfaDevice;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.port.UsedCodeStore;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Checks a SerialNumber and TokenCode as GetSessionToken and AssumeRole take them: the device must be
 * enabled for the calling user, the code must be the device's current one (one step of drift either way),
 * and it is accepted once only, on every instance. Every failure reads the same, as on AWS, so the
 * answer says nothing about which check failed.
 */
public final class MfaVerification {
    public static final String FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";
    private static final int DRIFT_STEPS = 1;
    /** Long enough to outlive every step a code is accepted in. */
    private static final Duration REMEMBER = Duration.ofSeconds(Totp.STEP_SECONDS * (2L * DRIFT_STEPS + 2));

    private final IamRepository iam;
    private final UsedCodeStore usedCodes;
    private final Totp totp = new Totp();
    private final Clock clock;

    public MfaVerification(IamRepository iam, UsedCodeStore usedCodes, Clock clock) {
        this.iam = iam;
        this.usedCodes = usedCodes;
        this.clock = clock;
    }

    /** Checks and spends the code at once. @throws StsException AccessDenied when the device or the code is not right */
    public void verify(CallerIdentity caller, String serialNumber, String tokenCode) {
        spend(check(caller, serialNumber, tokenCode));
    }

    /**
     * Checks the device and the code without spending it, so a request refused for another reason (the role
     * does not trust the caller) leaves the code for the caller's next attempt; {@link #spend} it once the
     * request is otherwise granted.
     * @throws StsException AccessDenied when the device or the code is not right
     */
    public AcceptedCode check(CallerIdentity caller, String serialNumber, String tokenCode) {
        if (caller.type() != PrincipalType.IAM_USER) {
            throw failed();
        }
        VirtualMfaDevice device = iam.findMfaDevice(serialNumber)
                .filter(d -> d.account().equals(caller.account()) && caller.name().equalsIgnoreCase(d.userName()))
                .orElseThrow(MfaVerification::failed);
        OptionalLong step = totp.matchingStep(device.base32Seed(), tokenCode, clock.instant(), DRIFT_STEPS);
        if (step.isEmpty()) {
            throw failed();
        }
        return new AcceptedCode(device.serialNumber(), step.getAsLong());
    }

    /** Marks the code used, on every instance. @throws StsException AccessDenied when it was used already */
    public void spend(AcceptedCode code) {
        if (!usedCodes.markUsed(code.serialNumber(), code.step(), REMEMBER)) {
            throw failed();
        }
    }

    /** A right code for a device, not yet spent. */
    public record AcceptedCode(String serialNumber, long step) {
    }

    private static StsException failed() {
        return new StsException(StsErrorCode.ACCESS_DENIED, FAILED);
    }
}

package dev.sts.core.mfa;

import dev.sts.core.iam.IamRepository;
import dev.sts.core.port.MfaCodeChecker;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks codes against the TOTP seeds in the IAM store: the one place a seed is read to judge a code, in
 * policy-service (for its internal MFA endpoint) and in tests. A code is right for the current step or one step
 * either way ({@link #DRIFT_STEPS}).
 */
public final class IamMfaCodeChecker implements MfaCodeChecker {
    /** Steps of clock drift accepted either way. */
    public static final int DRIFT_STEPS = 1;

    private final IamRepository iam;
    private final Clock clock;
    private final Totp totp = new Totp();

    public IamMfaCodeChecker(IamRepository iam, Clock clock) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<MfaCodeCheck> check(String serialNumber, String tokenCode) {
        if (!MfaCodeCheck.wellFormed(serialNumber, tokenCode)) {
            return Optional.empty();
        }
        return iam.findMfaDevice(serialNumber).map(device -> new MfaCodeCheck(device.account(), device.serialNumber(),
                device.userName(), totp.matchingStep(device.base32Seed(), tokenCode, clock.instant(), DRIFT_STEPS)));
    }
}

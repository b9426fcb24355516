package dev.sts.core.mfa;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.identity.CallerIdentity;
import dev.sts.core.identity.PrincipalType;
import dev.sts.core.port.MfaCodeChecker;
import dev.sts.core.port.MfaFailureCounter;
import dev.sts.core.port.UsedCodeStore;
import dev.sts.core.store.InMemoryMfaFailureCounter;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Checks a SerialNumber and TokenCode as GetSessionToken and AssumeRole take them: the device must be
 * enabled for the calling user, the code must be the device's current one (one step of drift either way),
 * it is accepted once only, on every instance, and a device that took too many wrong codes is locked
 * ({@link MfaLockout}). Every failure reads the same, as on AWS — a missing device, a wrong code, a used
 * code, a locked device — so the answer says nothing about which check failed.
 *
 * <p>The code is judged in two steps. {@link #check} reads the device and compares the code but answers
 * nothing; {@link #spend} gives the verdict, counts the attempt against the device's lockout and marks a
 * right code used. A caller runs every other check of its request in between, so a request refused for
 * another reason (a role that does not exist or does not trust the caller) gets the same answer whether its
 * code was right or wrong, spends nothing and counts nothing: the answer is no oracle for codes. Only a
 * request that would otherwise be granted learns whether its code was right, and each such try counts.
 *
 * <p>The code itself is judged by a {@link MfaCodeChecker} where the TOTP seeds are (policy-service); this class
 * never sees a seed. The checker only answers whose device it is and which step the code is right for; the
 * lockout count and the used-code memory live here, behind their own ports.
 *
 * <p>Only the device's own user can add to its count (the device must be enabled for the caller), so a
 * lockout cannot be forced on someone else's device without their keys.
 */
public final class MfaVerification {
    public static final String FAILED = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";
    private static final Logger LOG = Logger.getLogger(MfaVerification.class.getName());
    /** Long enough to outlive every step a code is accepted in. */
    private static final Duration REMEMBER = Duration.ofSeconds(Totp.STEP_SECONDS
            * (2L * IamMfaCodeChecker.DRIFT_STEPS + 2));

    private final MfaCodeChecker codes;
    private final UsedCodeStore usedCodes;
    private final MfaFailureCounter failures;
    private final MfaLockout lockout;

    /**
     * A verification whose failure counts live in this process only, with the {@link MfaLockout#DEFAULT} lockout:
     * for tests and single-process use. Services share the counts through {@link #MfaVerification(MfaCodeChecker,
     * UsedCodeStore, MfaFailureCounter, MfaLockout)}.
     */
    public MfaVerification(MfaCodeChecker codes, UsedCodeStore usedCodes, Clock clock) {
        this(codes, usedCodes, new InMemoryMfaFailureCounter(clock), MfaLockout.DEFAULT);
    }

    public MfaVerification(MfaCodeChecker codes, UsedCodeStore usedCodes, MfaFailureCounter failures,
                           MfaLockout lockout) {
        this.codes = Objects.requireNonNull(codes, "codes");
        this.usedCodes = Objects.requireNonNull(usedCodes, "usedCodes");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.lockout = Objects.requireNonNull(lockout, "lockout");
    }

    /** Checks and spends the code at once. @throws StsException AccessDenied when the device or the code is not right */
    public void verify(CallerIdentity caller, String serialNumber, String tokenCode) {
        spend(check(caller, serialNumber, tokenCode));
    }

    /**
     * Reads the device and compares the code, without answering, counting or spending anything: {@link #spend}
     * the result once the request is otherwise granted, and it gives the verdict. Never refuses on its own, so
     * a request refused for another reason in between reveals nothing about its code.
     */
    public AcceptedCode check(CallerIdentity caller, String serialNumber, String tokenCode) {
        if (caller.type() != PrincipalType.IAM_USER) {
            return AcceptedCode.NO_DEVICE;
        }
        if (!MfaCodeCheck.wellFormed(serialNumber, tokenCode)) {
            // Names no virtual device: nothing to ask the checker.
            return AcceptedCode.NO_DEVICE;
        }
        return codes.check(serialNumber, tokenCode)
                .filter(d -> d.enabled() && d.account().equals(caller.account())
                        && caller.name().equalsIgnoreCase(d.userName()))
                .map(device -> new AcceptedCode(device.serialNumber(), device.step()))
                .orElse(AcceptedCode.NO_DEVICE);
    }

    /**
     * The verdict on a checked code: counts the attempt against its device, then accepts a right code that is
     * not used yet, on a device that is not locked, and marks it used on every instance.
     *
     * @throws StsException AccessDenied ({@link #FAILED}) for no device of the caller's, a wrong or used code, or
     *                      a locked device (even with the right code)
     */
    public void spend(AcceptedCode code) {
        if (code.serialNumber() == null) {
            // Nothing to count: the caller has no such device, so there is no code to guess.
            throw failed();
        }
        long attempts = failures.countAttempt(code.serialNumber(), lockout.window());
        if (attempts > lockout.maxFailures() || code.step().isEmpty()) {
            if (attempts == lockout.maxFailures() && code.step().isEmpty()) {
                LOG.warning("MFA device " + code.serialNumber() + " took " + attempts + " wrong codes: locked for the rest of its "
                        + lockout.window().toSeconds() + " s window");
            }
            throw failed();
        }
        if (!usedCodes.markUsed(code.serialNumber(), code.step().getAsLong(), REMEMBER)) {
            // A replayed code proves nothing: it stays counted.
            throw failed();
        }
        failures.forgive(code.serialNumber());
    }

    /**
     * A code as {@link #check} found it, not yet judged. (The name is kept from when {@code check} refused
     * wrong codes itself.)
     *
     * @param serialNumber the device's serial number, or {@code null} when the caller has no such device
     * @param step         the time step the code is right for, or empty when it is right for none
     */
    public record AcceptedCode(String serialNumber, OptionalLong step) {
        static final AcceptedCode NO_DEVICE = new AcceptedCode(null, OptionalLong.empty());

        public AcceptedCode {
            Objects.requireNonNull(step, "step");
        }
    }

    private static StsException failed() {
        return new StsException(StsErrorCode.ACCESS_DENIED, FAILED);
    }
}

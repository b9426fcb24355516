package dev.sts.core.port;

import java.time.Duration;

/**
 * Counts the attempts on each MFA device that did not prove right, shared by every instance, so that codes
 * cannot be guessed faster than the lockout allows (the rule itself, how many in how long, is the core's:
 * {@link dev.sts.core.mfa.MfaLockout}). An attempt is counted before its code is judged, so a burst of
 * concurrent guesses is bounded just like a sequence of them; a code that proves right is {@link #forgive forgiven}.
 */
public interface MfaFailureCounter {
    /**
     * Counts one attempt against the device, atomically. The first count opens a window of {@code window};
     * the count vanishes when the window ends (later counts do not extend it).
     *
     * @return the device's count in the current window, this attempt included
     */
    long countAttempt(String serialNumber, Duration window);

    /** Takes back one counted attempt whose code proved right; does nothing once the window has ended. */
    void forgive(String serialNumber);
}

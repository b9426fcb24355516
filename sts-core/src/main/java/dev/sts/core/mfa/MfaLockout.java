package dev.sts.core.mfa;

import java.time.Duration;
import java.util.Objects;

/**
 * How many wrong codes an MFA device takes before it is locked: {@code maxFailures} within {@code window} of the
 * first, after which every code, the right one included, is refused until the window ends.
 * <p>
 * The default, 5 failures in 15 minutes, bounds a guesser holding a user's stolen keys to 480 codes a day: with
 * three codes accepted at any moment (one step of drift either way) out of a million, about a 0.14% chance a day,
 * each try audited. A user who mistypes five times waits at most 15 minutes. AWS also locks a device after
 * repeated failures but publishes no numbers; NIST SP 800-63B allows at most 100 consecutive failures.
 *
 * @param maxFailures wrong codes allowed in one window, at least 1
 * @param window      how long a window lasts from its first failure, between 1 second and 1 day
 */
public record MfaLockout(int maxFailures, Duration window) {
    public static final MfaLockout DEFAULT = new MfaLockout(5, Duration.ofMinutes(15));

    public MfaLockout {
        Objects.requireNonNull(window, "window");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1, not " + maxFailures);
        }
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("window must be between 1 second and 1 day, not " + window);
        }
    }
}

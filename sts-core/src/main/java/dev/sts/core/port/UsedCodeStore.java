package dev.sts.core.port;

import java.time.Duration;

/** Remembers which one-time codes were used, so each is accepted once (shared by every instance). */
public interface UsedCodeStore {
    /** Records the code's use; false when it had been used already. */
    boolean markUsed(String serialNumber, long step, Duration remember);
}

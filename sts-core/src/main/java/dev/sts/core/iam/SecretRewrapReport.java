package dev.sts.core.iam;

/**
 * What a rewrap of the secrets at rest did: counts only, never a value.
 *
 * @param activeKeyId the key-encryption key every rewrapped field is now sealed under
 * @param rewrapped   fields that were sealed under an older key and are now sealed under the active one
 * @param sealed      legacy plaintext fields now sealed
 * @param current     fields already sealed under the active key, left alone
 * @param unreadable  sealed fields that open under no key of the ring (unknown key id or version, or damaged),
 *                    left as they are: such a key cannot authenticate and such a device accepts no code
 */
public record SecretRewrapReport(String activeKeyId, int rewrapped, int sealed, int current, int unreadable) {
    enum Outcome { REWRAPPED, SEALED, CURRENT, UNREADABLE, GONE }

    static final class Tally {
        private int rewrapped;
        private int sealed;
        private int current;
        private int unreadable;

        void add(Outcome outcome) {
            switch (outcome) {
                case REWRAPPED -> rewrapped++;
                case SEALED -> sealed++;
                case CURRENT -> current++;
                case UNREADABLE -> unreadable++;
                case GONE -> { }
            }
        }

        SecretRewrapReport report(String activeKeyId) {
            return new SecretRewrapReport(activeKeyId, rewrapped, sealed, current, unreadable);
        }
    }
}

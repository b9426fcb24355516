package dev.sts.core.id;

import java.security.SecureRandom;

/**
 * Generates the identifiers AWS hands out, in AWS's formats: 20-character access key ids
 * ({@code AKIA…}, {@code ASIA…}), 21-character unique ids ({@code AIDA…} users, {@code AROA…} roles)
 * and 40-character secret access keys. All randomness comes from {@link SecureRandom}.
 */
public final class Identifiers {
    public static final String LONG_TERM_KEY_PREFIX = "AKIA";
    public static final String TEMPORARY_KEY_PREFIX = "ASIA";
    public static final String USER_ID_PREFIX = "AIDA";
    public static final String ROLE_ID_PREFIX = "AROA";
    public static final String POLICY_ID_PREFIX = "ANPA";
    public static final int ACCESS_KEY_ID_LENGTH = 20;
    public static final int UNIQUE_ID_LENGTH = 21;
    public static final int SECRET_KEY_LENGTH = 40;

    // AWS ids use upper-case letters and digits; base32's alphabet avoids look-alike 0/O and 1/I.
    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Identifiers() {
    }

    public static String newLongTermAccessKeyId() {
        return LONG_TERM_KEY_PREFIX + random(ID_ALPHABET, ACCESS_KEY_ID_LENGTH - 4);
    }

    public static String newTemporaryAccessKeyId() {
        return TEMPORARY_KEY_PREFIX + random(ID_ALPHABET, ACCESS_KEY_ID_LENGTH - 4);
    }

    public static String newUserId() {
        return USER_ID_PREFIX + random(ID_ALPHABET, UNIQUE_ID_LENGTH - 4);
    }

    public static String newRoleId() {
        return ROLE_ID_PREFIX + random(ID_ALPHABET, UNIQUE_ID_LENGTH - 4);
    }

    public static String newPolicyId() {
        return POLICY_ID_PREFIX + random(ID_ALPHABET, UNIQUE_ID_LENGTH - 4);
    }

    public static String newSecretAccessKey() {
        return random(SECRET_ALPHABET, SECRET_KEY_LENGTH);
    }

    /** A 12-digit AWS account id. */
    public static boolean isAccountId(String s) {
        if (s == null || s.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean isUpperAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}

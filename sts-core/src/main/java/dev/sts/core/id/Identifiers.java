package dev.sts.core.id;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Generates the identifiers AWS hands out, in AWS's formats: 20-character access key ids
 * ({@code AKIA…}, {@code ASIA…}), 21-character unique ids ({@code AIDA…} users, {@code AROA…} roles)
 * and 40-character secret access keys. All randomness comes from {@link SecureRandom}: one DRBG per thread,
 * seeded by the operating system, one draw per identifier (the shared default generator took a lock and
 * a read of {@code /dev/urandom} per character).
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
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Identifiers::newGenerator);

    private Identifiers() {
    }

    public static String newLongTermAccessKeyId() {
        return LONG_TERM_KEY_PREFIX + random(ID_ALPHABET, ACCESS_KEY_ID_LENGTH - 4);
    }

    /** A session's key id, with {@code account} written into it as AWS writes it ({@link KeyIdAccount}). */
    public static String newTemporaryAccessKeyId(String account) {
        return TEMPORARY_KEY_PREFIX + KeyIdAccount.encode(account, RANDOM.get());
    }

    /** The account a temporary ({@code ASIA…}) key id names, read from the id alone; empty for any other id. */
    public static Optional<String> accountOfTemporaryAccessKeyId(String accessKeyId) {
        if (AccessKeyKind.of(accessKeyId) != AccessKeyKind.TEMPORARY) {
            return Optional.empty();
        }
        return KeyIdAccount.decode(accessKeyId.substring(TEMPORARY_KEY_PREFIX.length()));
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
        // Both alphabets have a power-of-two size, so the low bits of a random byte pick uniformly.
        int mask = alphabet.length - 1;
        byte[] draw = new byte[length];
        RANDOM.get().nextBytes(draw);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[draw[i] & mask];
        }
        return new String(out);
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no DRBG SecureRandom in this JVM", e);
        }
    }
}

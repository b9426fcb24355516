package dev.sts.core.id;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The account written into a temporary access key id, where AWS writes it, so that the owner of a key can be
 * told from the key alone (GetAccessKeyInfo answers this way on AWS: it names the account even for a key id
 * whose last characters were changed, as public research on AWS's key ids showed).
 * <p>
 * The layout, as that research decoded it (AWS does not document it) and as secret scanners use it: the 16
 * characters after the prefix are 80 bits of base32; of their first 48 bits, the 40 below the top bit are the
 * account number (12 decimal digits fit in 40 bits), and the rest, 40 bits, is random. Ids of one account can
 * therefore repeat, about once in a million sessions (the birthday bound). Nothing relies on their being
 * unique: a session is authenticated by its sealed token, and a repeat can only make a revocation of one key
 * id reach the other session too: refusing more, never less.
 */
final class KeyIdAccount {
    static final int ENCODED_LENGTH = 16;
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int ACCOUNT_SHIFT = 7;
    private static final long ACCOUNT_MASK = 0xFF_FFFF_FFFFL; // 40 bits
    private static final long LARGEST_ACCOUNT = 999_999_999_999L;

    private KeyIdAccount() {
    }

    /** The 16 characters after the prefix of a new key id of {@code account}; the other 40 bits from {@code random}. */
    static String encode(String account, RandomGenerator random) {
        if (!Identifiers.isAccountId(account)) {
            throw new IllegalArgumentException("not a 12-digit account id");
        }
        long randomBits = random.nextLong();
        // First 48 bits: a random top bit, the account, 7 random bits. Last 32 bits: random.
        long head = ((randomBits >>> 63) << 47) | (Long.parseLong(account) << ACCOUNT_SHIFT) | (randomBits & 0x7F);
        long tail = (randomBits >>> 7) & 0xFFFF_FFFFL;
        char[] out = new char[ENCODED_LENGTH];
        // 80 bits as 16 five-bit characters: the 48-bit head then the 32-bit tail, most significant first.
        for (int i = 0; i < ENCODED_LENGTH; i++) {
            int bitFromTop = i * 5; // of 80
            out[i] = ALPHABET[fiveBits(head, tail, bitFromTop)];
        }
        return new String(out);
    }

    /** The account of a key id's 16 encoded characters, or empty when they are not base32 or name no account. */
    static Optional<String> decode(String encoded) {
        if (encoded.length() != ENCODED_LENGTH) {
            return Optional.empty();
        }
        long head = 0;
        for (int i = 0; i < 10; i++) { // 50 bits: the 48-bit head and the tail's first 2
            int value = valueOf(encoded.charAt(i));
            if (value < 0) {
                return Optional.empty();
            }
            head = (head << 5) | value;
        }
        for (int i = 10; i < ENCODED_LENGTH; i++) {
            if (valueOf(encoded.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        long account = ((head >>> 2) >>> ACCOUNT_SHIFT) & ACCOUNT_MASK;
        return account > LARGEST_ACCOUNT ? Optional.empty() : Optional.of(String.format("%012d", account));
    }

    private static int fiveBits(long head, long tail, int bitFromTop) {
        int value = 0;
        for (int bit = bitFromTop; bit < bitFromTop + 5; bit++) {
            long source = bit < 48 ? head >>> (47 - bit) : tail >>> (79 - bit);
            value = (value << 1) | (int) (source & 1);
        }
        return value;
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}

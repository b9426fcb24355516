package dev.sts.core.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form of every service credential: {@code <name>.<secret>}, where the name says whose it is (a lookup
 * key, never secret) and the secret is at least 32 URL-safe base64 characters. Only the SHA-256 digest of the
 * whole token is ever stored; {@link #matches} compares digests in constant time, so neither the stored value
 * nor the comparison time tells anything about the token.
 */
public final class ServiceToken {
    /** A client name: lower-case letters, digits and dashes, starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** The longest token accepted; anything longer is refused before it is hashed. */
    public static final int MAX_LENGTH = 320;
    private static final Pattern TOKEN = Pattern.compile("(" + NAME.pattern() + ")\\.([A-Za-z0-9_-]{32,256})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ServiceToken() {
    }

    /** A fresh token for {@code name}: the name, a dot and 32 random bytes in URL-safe base64. */
    public static String generate(String name) {
        requireName(name);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return name + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The name part of a well-formed token; empty for anything else (never an exception carrying the token). */
    public static Optional<String> nameOf(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = TOKEN.matcher(token);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Whether {@code name} is a valid client name. */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static void requireName(String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("A credential name is 1 to 63 lower-case letters, digits or dashes");
        }
    }

    /** The SHA-256 digest of {@code token}: what is stored and compared. */
    public static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison of two digests of the same length (SHA-256: always 32 bytes). */
    public static boolean matches(byte[] presentedDigest, byte[] storedDigest) {
        return storedDigest != null && MessageDigest.isEqual(presentedDigest, storedDigest);
    }
}

package dev.sts.core.token;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The encoded authorization message that comes with a denial: the decision's details (JSON), sealed so
 * only {@code sts:DecodeAuthorizationMessage} on this platform can read them, as on AWS.
 */
public final class AuthorizationMessageCodec {
    /** Far above any message we encode; bounds the work a decoder can be made to do. */
    public static final int MAX_ENCODED_LENGTH = 65_536;

    private final KeyRingCipher cipher;

    public AuthorizationMessageCodec(TokenKeyRing keyRing) {
        this.cipher = new KeyRingCipher(keyRing, KeyRingCipher.AUTHORIZATION_MESSAGE);
    }

    public String encode(String decisionJson) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cipher.seal(decisionJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** @throws StsException InvalidAuthorizationMessageException for anything this platform did not encode */
    public String decode(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
            throw invalid();
        }
        try {
            byte[] plain = cipher.open(Base64.getUrlDecoder().decode(encoded)).orElseThrow(AuthorizationMessageCodec::invalid);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static StsException invalid() {
        return new StsException(StsErrorCode.INVALID_AUTHORIZATION_MESSAGE, "The encoded authorization message is invalid.");
    }
}

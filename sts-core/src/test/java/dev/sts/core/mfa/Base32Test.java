package dev.sts.core.mfa;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Base32Test {
    /** RFC 4648 section 10. */
    @ParameterizedTest
    @CsvSource(value = {
            "'',''",
            "f,MY======",
            "fo,MZXQ====",
            "foo,MZXW6===",
            "foob,MZXW6YQ=",
            "fooba,MZXW6YTB",
            "foobar,MZXW6YTBOI======"})
    void encodesAndDecodesTheRfc4648Vectors(String plain, String encoded) {
        assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
        assertThat(new String(Base32.decode(encoded), StandardCharsets.US_ASCII)).isEqualTo(plain);
    }

    @ParameterizedTest
    @CsvSource({"f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "foobar,MZXW6YTBOI"})
    void acceptsTheUnpaddedForm(String plain, String unpadded) {
        assertThat(new String(Base32.decode(unpadded), StandardCharsets.US_ASCII)).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "my======",        // lower case is outside the alphabet
            "MZXW1===",        // '1' is not a base32 digit
            "MZXW 6==",        // nor is a space
            "M=======",        // one character encodes no byte
            "MZX=====",        // nor do three
            "MZXW6Y==",        // nor six
            "MY=====",         // padding that does not fill the block
            "MY=======",       // padding past the block
            "MZ======",        // non-zero trailing bits: only MY decodes to "f"
            "========",        // padding alone
            "MZXW6YTB========"})
    void refusesAnythingNonCanonical(String text) {
        assertThatThrownBy(() -> Base32.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @RepeatedTest(20)
    void roundTripsRandomBytes() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[random.nextInt(41)];
        random.nextBytes(bytes);
        assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
    }
}

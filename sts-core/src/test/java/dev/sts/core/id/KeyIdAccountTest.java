package dev.sts.core.id;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyIdAccountTest {
    @Test
    void readsTheAccountOfAnAwsKeyIdAsAwsWroteIt() {
        // A real AWS session key id and its account, as published with the research on the format.
        assertThat(Identifiers.accountOfTemporaryAccessKeyId("ASIAY34FZKBOKMUTVV7A")).contains("609629065308");
    }

    @RepeatedTest(20)
    void aNewKeyIdNamesItsAccountAndHasAwsShape() {
        for (String account : new String[]{"000000000000", "111111111111", "222222222222", "999999999999", "609629065308"}) {
            String keyId = Identifiers.newTemporaryAccessKeyId(account);
            assertThat(keyId).matches("ASIA[A-Z2-7]{16}");
            assertThat(Identifiers.accountOfTemporaryAccessKeyId(keyId)).contains(account);
        }
    }

    @Test
    void everyBitOutsideTheAccountVaries() {
        // With all random bits set and all clear, the two ids differ exactly where AWS keeps random bits.
        String allOnes = KeyIdAccount.encode("111111111111", new FixedBits(-1L));
        String allZeros = KeyIdAccount.encode("111111111111", new FixedBits(0L));
        assertThat(allOnes).isNotEqualTo(allZeros);
        assertThat(KeyIdAccount.decode(allOnes)).contains("111111111111");
        assertThat(KeyIdAccount.decode(allZeros)).contains("111111111111");
        // The last 32 bits are random: the last six characters (30 bits) are all 7s (all ones) or all As.
        assertThat(allOnes).endsWith("777777");
        assertThat(allZeros).endsWith("AAAAAA");
    }

    @Test
    void idsThatNameNoAccountAreNotRead() {
        assertThat(Identifiers.accountOfTemporaryAccessKeyId("ASIA7777777777777777")).isEmpty(); // above 999999999999
        assertThat(Identifiers.accountOfTemporaryAccessKeyId("AKIAY34FZKBOKMUTVV7A")).isEmpty(); // not a session key
        assertThat(Identifiers.accountOfTemporaryAccessKeyId("ASIAY34FZKBOKMUTVV7")).isEmpty();
        assertThat(Identifiers.accountOfTemporaryAccessKeyId("ASIAY34FZKBOKMUTVV70")).isEmpty();
        assertThat(Identifiers.accountOfTemporaryAccessKeyId(null)).isEmpty();
        assertThatThrownBy(() -> Identifiers.newTemporaryAccessKeyId("12345")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodingAgreesWithAwsMaskOnRandomIds() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long account = random.nextLong(1_000_000_000_000L);
            String encoded = KeyIdAccount.encode(String.format("%012d", account), new FixedBits(random.nextLong()));
            // AWS's reading: the first 48 bits, masked with 0x7fffffffff80, shifted right by 7.
            long first48 = 0;
            for (int c = 0; c < 16; c++) {
                int value = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(encoded.charAt(c));
                first48 = c < 9 ? (first48 << 5) | value : c == 9 ? (first48 << 3) | (value >>> 2) : first48;
            }
            assertThat((first48 & 0x7fffffffff80L) >>> 7).isEqualTo(account);
        }
    }

    /** A generator whose every long is the same, to see which bits an encoding takes from it. */
    private record FixedBits(long bits) implements java.util.random.RandomGenerator {
        @Override
        public long nextLong() {
            return bits;
        }
    }
}

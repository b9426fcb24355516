package dev.sts.core.policy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.util.Random;

/** Where the fuzz harness draws its choices from: Jazzer's coverage-guided data, or a seeded Random. */
interface FuzzChoices {
    /** A number in [0, bound). */
    int pick(int bound);

    boolean bool();

    String text(int maxLength);

    byte[] bytes(int maxLength);

    /** What is left, as bytes (Jazzer) or a random run (Random). */
    byte[] rest(int maxLength);

    static FuzzChoices of(FuzzedDataProvider data) {
        return new FuzzChoices() {
            @Override
            public int pick(int bound) {
                return data.consumeInt(0, bound - 1);
            }

            @Override
            public boolean bool() {
                return data.consumeBoolean();
            }

            @Override
            public String text(int maxLength) {
                return data.consumeString(maxLength);
            }

            @Override
            public byte[] bytes(int maxLength) {
                return data.consumeBytes(maxLength);
            }

            @Override
            public byte[] rest(int maxLength) {
                return data.consumeRemainingAsBytes();
            }
        };
    }

    static FuzzChoices of(Random random) {
        return new FuzzChoices() {
            private static final String ALPHABET = "ab*?:/${}',.\"\\[]-_0129 Z\u00e9\u0000";

            @Override
            public int pick(int bound) {
                return random.nextInt(bound);
            }

            @Override
            public boolean bool() {
                return random.nextBoolean();
            }

            @Override
            public String text(int maxLength) {
                int length = random.nextInt(maxLength + 1);
                StringBuilder out = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                return out.toString();
            }

            @Override
            public byte[] bytes(int maxLength) {
                byte[] out = new byte[random.nextInt(maxLength + 1)];
                random.nextBytes(out);
                return out;
            }

            @Override
            public byte[] rest(int maxLength) {
                return bytes(maxLength);
            }
        };
    }
}

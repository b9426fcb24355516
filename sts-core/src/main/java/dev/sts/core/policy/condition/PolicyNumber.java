package dev.sts.core.policy.condition;

import java.math.BigDecimal;

/**
 * A number as the Numeric operators take it: an optional sign, digits, and an optional decimal fraction
 * ({@code 10}, {@code -3}, {@code 2.5}); no exponents, no hexadecimal, at most 64 characters. Integers of
 * up to 18 digits compare as longs without allocating.
 */
public final class PolicyNumber implements Comparable<PolicyNumber> {
    private static final int MAX_LENGTH = 64;

    private final long small;
    private final BigDecimal big; // null when small holds the value exactly

    private PolicyNumber(long small, BigDecimal big) {
        this.small = small;
        this.big = big;
    }

    /** @return the number, or null when the text is not one */
    public static PolicyNumber parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        int digits = 0;
        boolean fraction = false;
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !fraction && digits > 0 && j + 1 < text.length()) {
                fraction = true;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (!fraction && digits <= 18) {
            return new PolicyNumber(Long.parseLong(text), null);
        }
        return new PolicyNumber(0, new BigDecimal(text));
    }

    @Override
    public int compareTo(PolicyNumber other) {
        if (big == null && other.big == null) {
            return Long.compare(small, other.small);
        }
        return decimal().compareTo(other.decimal());
    }

    private BigDecimal decimal() {
        return big != null ? big : BigDecimal.valueOf(small);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyNumber other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return decimal().stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return big != null ? big.toString() : Long.toString(small);
    }
}

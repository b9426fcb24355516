package dev.sts.core.policy.condition;

import dev.sts.core.policy.match.Tri;
import dev.sts.core.policy.variable.ContextKeys;
import dev.sts.core.policy.variable.PolicyVariable;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * BinaryEquals values: base64 in the policy, decoded at parse time. The request carries binary values
 * base64-encoded as well (as IAM's simulator takes them); they are compared byte for byte.
 */
final class BinaryValues extends ConditionValues {
    private final byte[][] values;

    BinaryValues(List<String> raw) {
        this.values = new byte[raw.size()][];
        for (int i = 0; i < raw.size(); i++) {
            values[i] = decode(raw.get(i));
            if (values[i] == null) {
                throw new IllegalArgumentException("'" + abbreviate(raw.get(i)) + "' is not base64");
            }
        }
    }

    private static byte[] decode(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Tri anyMatches(String requestValue, ContextKeys context) {
        byte[] request = decode(requestValue);
        if (request == null) {
            return Tri.UNKNOWN;
        }
        for (byte[] value : values) {
            if (Arrays.equals(value, request)) {
                return Tri.YES;
            }
        }
        return Tri.NO;
    }

    @Override
    public List<PolicyVariable> variables() {
        return List.of();
    }

    @Override
    protected boolean acceptsRequestValue(String requestValue) {
        return decode(requestValue) != null;
    }

    @Override
    protected String expected() {
        return "base64";
    }
}

package dev.sts.core.policy;

/** How IAM measures a policy for its size quotas. */
public final class PolicySize {
    private PolicySize() {
    }

    /**
     * Characters not counting whitespace outside strings, as IAM counts for its quotas (managed policies
     * 6,144, a role's inline policies 10,240 in aggregate, ...). Whitespace inside string values counts.
     */
    public static int nonWhitespaceLength(String json) {
        int count = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                count++;
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                count++;
            } else if (!Character.isWhitespace(c)) {
                count++;
            }
        }
        return count;
    }
}

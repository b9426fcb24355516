package dev.sts.core.iam;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.protocol.ParameterConstraints;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM's validation rules and quotas, phrased as IAM phrases its refusals. One place, so the control
 * plane, the bootstrap file and any later importer all refuse the same things.
 */
public final class IamRules {
    public static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    public static final Pattern PATH = Pattern.compile("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_POLICY_NAME_LENGTH = 128;
    public static final int MAX_PATH_LENGTH = 512;
    public static final int MIN_SESSION_DURATION = 3_600;
    public static final int MAX_SESSION_DURATION = 43_200;
    /** Managed policies: 6,144 characters, whitespace not counted. */
    public static final int MANAGED_POLICY_QUOTA = 6_144;
    /** All inline policies of one role together. */
    public static final int ROLE_INLINE_POLICIES_QUOTA = 10_240;
    /** All inline policies of one user together. */
    public static final int USER_INLINE_POLICIES_QUOTA = 2_048;
    /** A role's trust policy (the default quota). */
    public static final int TRUST_POLICY_QUOTA = 2_048;
    public static final int MAX_ATTACHED_POLICIES = 10;
    public static final int MAX_TAGS = 50;
    public static final int MAX_DESCRIPTION_LENGTH = 1_000;
    /** No policy document may exceed this raw length at all, whatever its whitespace. */
    public static final int MAX_RAW_DOCUMENT_LENGTH = 131_072;

    private final PolicyGrammar grammar;

    public IamRules(PolicyGrammar grammar) {
        this.grammar = grammar;
    }

    /** Role, user and policy names: 1–64 (policies 1–128) of {@code [\w+=,.@-]}. */
    public void name(String member, String value) {
        int max = member.equals("PolicyName") ? MAX_POLICY_NAME_LENGTH : MAX_NAME_LENGTH;
        pattern(member, value, 1, max, NAME);
    }

    public void path(String value) {
        pattern("Path", value, 1, MAX_PATH_LENGTH, PATH);
    }

    public void pathPrefix(String value) {
        pattern("PathPrefix", value, 1, MAX_PATH_LENGTH, Pattern.compile("\\u002F[\\u0021-\\u007F]*"));
    }

    public void maxSessionDuration(int seconds) {
        if (seconds < MIN_SESSION_DURATION || seconds > MAX_SESSION_DURATION) {
            throw new StsException(StsErrorCode.VALIDATION_ERROR, "1 validation error detected: Value '" + seconds
                    + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value "
                    + (seconds < MIN_SESSION_DURATION ? "greater than or equal to " + MIN_SESSION_DURATION
                    : "less than or equal to " + MAX_SESSION_DURATION));
        }
    }

    /** A managed policy's Description: lengths only (AWS's model gives it no pattern). */
    public void description(String value) {
        if (value != null && value.length() > MAX_DESCRIPTION_LENGTH) {
            throw validation("description", "Member must have length less than or equal to " + MAX_DESCRIPTION_LENGTH);
        }
    }

    /** A role's Description: up to 1,000 characters of tab, LF, CR, printable ASCII and U+00A1–U+00FF. */
    public void roleDescription(String value) {
        if (value != null) {
            ParameterConstraints.ROLE_DESCRIPTION.require("description", value);
        }
    }

    public void tags(List<Tag> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for TagsPerResource: " + MAX_TAGS);
        }
        Set<String> keys = new HashSet<>();
        for (Tag tag : tags) {
            ParameterConstraints.TAG_KEY.require("tags.member.key", tag.key());
            ParameterConstraints.TAG_VALUE.require("tags.member.value", tag.value());
            if (tag.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw new StsException(StsErrorCode.INVALID_INPUT, "Tag keys starting with 'aws:' are reserved for AWS use.");
            }
            if (!keys.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw new StsException(StsErrorCode.INVALID_INPUT, "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    public void identityPolicyDocument(String json) {
        rawDocument(json);
        grammar.check(json, PolicyGrammar.DocumentKind.IDENTITY);
    }

    public void managedPolicyDocument(String json) {
        identityPolicyDocument(json);
        if (nonWhitespaceLength(json) > MANAGED_POLICY_QUOTA) {
            throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for PolicySize: " + MANAGED_POLICY_QUOTA);
        }
    }

    public void trustPolicyDocument(String json) {
        rawDocument(json);
        grammar.check(json, PolicyGrammar.DocumentKind.TRUST);
        if (nonWhitespaceLength(json) > TRUST_POLICY_QUOTA) {
            throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_QUOTA);
        }
    }

    /** The aggregate quota of an entity's inline policies, checked with the new or replaced one included. */
    public void inlinePoliciesQuota(Map<String, String> policiesAfterChange, boolean role, String entityName) {
        int total = policiesAfterChange.values().stream().mapToInt(IamRules::nonWhitespaceLength).sum();
        int quota = role ? ROLE_INLINE_POLICIES_QUOTA : USER_INLINE_POLICIES_QUOTA;
        if (total > quota) {
            throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Maximum policy size of " + quota
                    + " bytes exceeded for " + (role ? "role " : "user ") + entityName);
        }
    }

    /** IAM's count for its quotas: every character except whitespace outside JSON strings. */
    public static int nonWhitespaceLength(String json) {
        return dev.sts.core.policy.PolicySize.nonWhitespaceLength(json);
    }

    private static void rawDocument(String json) {
        if (json == null || json.isBlank()) {
            throw new StsException(StsErrorCode.MALFORMED_POLICY_DOCUMENT, "Syntax errors in policy.");
        }
        if (json.length() > MAX_RAW_DOCUMENT_LENGTH) {
            throw new StsException(StsErrorCode.LIMIT_EXCEEDED, "Cannot exceed quota for PolicySize: " + MANAGED_POLICY_QUOTA);
        }
        ParameterConstraints.POLICY_DOCUMENT.requireUnechoed("policyDocument", json);
    }

    private static void pattern(String member, String value, int min, int max, Pattern allowed) {
        if (value == null) {
            throw validation(member, "Member must not be null");
        }
        if (value.length() < min || value.length() > max) {
            throw validation(member, "Member must have length " + (value.length() < min
                    ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        if (!allowed.matcher(value).matches()) {
            throw validation(member, "Member must satisfy regular expression pattern: " + allowed.pattern());
        }
    }

    private static StsException validation(String member, String constraint) {
        String name = Character.toLowerCase(member.charAt(0)) + member.substring(1);
        return new StsException(StsErrorCode.VALIDATION_ERROR,
                "1 validation error detected: Value at '" + name + "' failed to satisfy constraint: " + constraint);
    }
}

package dev.sts.core.sts;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.iam.Tag;
import dev.sts.core.id.Identifiers;
import dev.sts.core.policy.PolicyDocument;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicyParser;
import dev.sts.core.protocol.ParameterConstraints;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.ValidationErrors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AssumeRole's parameters, validated with AWS's limits (the botocore model of {@code AssumeRole} and the STS
 * API reference) and worded as AWS words its refusals. The first broken rule is reported; AWS lists every
 * broken constraint of a request at once ("2 validation errors detected: …"), this reports one.
 *
 * <p>What is checked here needs nothing but the request. Whatever needs the role or the caller — the role's
 * maximum session duration, the one-hour limit of role chaining, inherited source identity and transitive
 * tags, the trust policy, the packed size — is {@link RoleAssumption}'s.
 *
 * @param roleArn           the role to assume: {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}
 * @param roleSessionName   2–64 characters of {@code [\w+=,.@-]}
 * @param durationSeconds   900–43,200 when given; the role's own maximum is checked later
 * @param policy            the inline session policy, parsed as a session policy (at most 2,048 characters)
 * @param policyArns        at most 10 managed session policy ARNs, in request order
 * @param tags              at most 50 session tags, keys unique regardless of case
 * @param transitiveTagKeys at most 50 keys, each the key of one of {@code tags} and spelled as that tag spells it
 * @param externalId        2–1,224 characters of {@code [\w+=,.@:\/-]}
 * @param serialNumber      the MFA device (9–256 characters); given exactly when {@code tokenCode} is
 * @param tokenCode         six digits
 * @param sourceIdentity    2–64 characters of {@code [\w+=,.@-]}; having no ':', it cannot start with the
 *                          reserved {@code aws:}
 */
public record AssumeRoleRequest(String roleArn, String roleSessionName, OptionalInt durationSeconds,
                                Optional<PolicyDocument> policy, List<String> policyArns, List<Tag> tags,
                                List<String> transitiveTagKeys, Optional<String> externalId,
                                Optional<String> serialNumber, Optional<String> tokenCode,
                                Optional<String> sourceIdentity) {
    public static final int MIN_DURATION = 900;
    public static final int MAX_DURATION = 43_200;
    public static final int MIN_ARN_LENGTH = 20;
    public static final int MAX_ARN_LENGTH = 2_048;
    public static final int MAX_ROLE_SESSION_NAME = 64;
    public static final int MAX_POLICY_LENGTH = 2_048;
    public static final int MAX_POLICY_ARNS = 10;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_KEY = 128;
    public static final int MAX_TAG_VALUE = 256;
    public static final int MAX_TRANSITIVE_TAG_KEYS = 50;
    public static final int MAX_EXTERNAL_ID = 1_224;
    public static final int MAX_SERIAL_NUMBER = 256;
    public static final int MAX_SOURCE_IDENTITY = 64;

    // The patterns of AWS's model, from the one table of parameter constraints.
    static final Pattern SESSION_NAME = ParameterConstraints.ROLE_SESSION_NAME.pattern();
    static final Pattern POLICY_TEXT = ParameterConstraints.SESSION_POLICY.pattern();
    static final Pattern TAG_KEY = ParameterConstraints.TAG_KEY.pattern();
    static final Pattern TAG_VALUE = ParameterConstraints.TAG_VALUE.pattern();
    static final Pattern EXTERNAL_ID = ParameterConstraints.EXTERNAL_ID.pattern();
    static final Pattern SERIAL_NUMBER = ParameterConstraints.SERIAL_NUMBER.pattern();
    static final Pattern TOKEN_CODE = ParameterConstraints.TOKEN_CODE.pattern();
    static final Pattern SOURCE_IDENTITY = ParameterConstraints.SOURCE_IDENTITY.pattern();
    private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Pattern IAM_PATH = Pattern.compile("/([\\u0021-\\u007E]*/)?");
    private static final int MAX_ECHOED = 256;

    public AssumeRoleRequest {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        Objects.requireNonNull(policy, "policy");
        policyArns = List.copyOf(policyArns);
        tags = List.copyOf(tags);
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(tokenCode, "tokenCode");
        Objects.requireNonNull(sourceIdentity, "sourceIdentity");
    }

    /**
     * Reads and validates the parameters.
     *
     * @throws StsException ValidationError for a missing, mis-sized or mis-shaped parameter;
     *                      MalformedPolicyDocument for a Policy that is not a valid session policy;
     *                      InvalidParameterValue for duplicate tag keys or a transitive key that names no tag;
     *                      AccessDenied when only one of SerialNumber and TokenCode is given
     */
    public static AssumeRoleRequest from(QueryParameters params) {
        // First the constraints of AWS's model, member by member, all reported together as AWS's front end does ...
        ValidationErrors errors = new ValidationErrors();
        String roleArnValue = params.optional("RoleArn").orElse(null);
        String roleArn = ParameterConstraints.STS_ARN.check("roleArn", roleArnValue, errors) ? roleArnValue : null;
        String sessionName = echoed(errors, "roleSessionName", params.optional("RoleSessionName").orElse(null), 2,
                MAX_ROLE_SESSION_NAME, SESSION_NAME);
        List<String> policyArns = policyArns(params, errors);
        // The policy text is not echoed: AWS answers "Value at 'policy' failed to satisfy constraint" for it.
        Optional<String> policyJson = params.string("Policy", 1, MAX_POLICY_LENGTH, POLICY_TEXT, errors);
        OptionalInt duration = params.integer("DurationSeconds", MIN_DURATION, MAX_DURATION, errors);
        List<Tag> tags = tags(params, errors);
        List<String> transitiveKeys = params.memberList("TransitiveTagKeys");
        if (transitiveKeys.size() > MAX_TRANSITIVE_TAG_KEYS) {
            listTooLong(errors, "transitiveTagKeys", MAX_TRANSITIVE_TAG_KEYS);
        } else {
            for (int i = 0; i < transitiveKeys.size(); i++) {
                echoed(errors, "transitiveTagKeys." + (i + 1) + ".member", transitiveKeys.get(i), 1, MAX_TAG_KEY, TAG_KEY);
            }
        }
        Optional<String> externalId = params.string("ExternalId", 2, MAX_EXTERNAL_ID, EXTERNAL_ID, errors);
        Optional<String> serialNumber = params.optional("SerialNumber")
                .map(value -> echoed(errors, "serialNumber", value, 9, MAX_SERIAL_NUMBER, SERIAL_NUMBER));
        Optional<String> tokenCode = params.string("TokenCode", 6, 6, TOKEN_CODE, errors);
        // The pattern has no ':', so it already refuses the reserved "aws:" prefix.
        Optional<String> sourceIdentity = params.optional("SourceIdentity")
                .map(value -> echoed(errors, "sourceIdentity", value, 2, MAX_SOURCE_IDENTITY, SOURCE_IDENTITY));
        errors.throwIfAny();

        // ... then STS's own rules.
        if (!isRoleArn(roleArn)) {
            throw invalidArn(roleArn);
        }
        policyArns.stream().filter(arn -> !isPolicyArn(arn)).findFirst().ifPresent(arn -> {
            throw invalidArn(arn);
        });
        requireUniqueKeys(tags);
        List<String> transitive = transitiveTagKeys(transitiveKeys, tags);
        if (serialNumber.isPresent() != tokenCode.isPresent()) {
            throw new StsException(StsErrorCode.ACCESS_DENIED,
                    "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.");
        }
        Optional<PolicyDocument> policy = policyJson.map(json -> PolicyParser.parse(json, PolicyKind.SESSION));
        return new AssumeRoleRequest(roleArn, sessionName, duration, policy, policyArns, tags, transitive, externalId,
                serialNumber, tokenCode, sourceIdentity);
    }

    /** Whether SerialNumber and TokenCode were given (the service verifies them before the role is assumed). */
    public boolean presentsMfa() {
        return tokenCode.isPresent();
    }

    /** Whether the request passes a session policy, inline or managed. */
    public boolean passesSessionPolicies() {
        return policy.isPresent() || !policyArns.isEmpty();
    }

    /** The inline session policy as the caller sent it. */
    public Optional<String> policyJson() {
        return policy.map(PolicyDocument::json);
    }

    /** Whether {@code arn} names an IAM role: {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}. */
    static boolean isRoleArn(String arn) {
        return isIamArn(arn, "role/", false, 64);
    }

    /** Whether {@code arn} names an IAM managed policy, the account's or AWS's: {@code arn:aws:iam::ACCOUNT|aws:policy/PATH/NAME}. */
    static boolean isPolicyArn(String arn) {
        return isIamArn(arn, "policy/", true, 128);
    }

    private static boolean isIamArn(String arn, String type, boolean awsOwned, int maxName) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[1].equals("aws") || !parts[2].equals("iam")
                || !parts[3].isEmpty()) {
            return false;
        }
        if (!Identifiers.isAccountId(parts[4]) && !(awsOwned && parts[4].equals("aws"))) {
            return false;
        }
        String resource = parts[5];
        if (!resource.startsWith(type)) {
            return false;
        }
        int lastSlash = resource.lastIndexOf('/');
        String path = resource.substring(type.length() - 1, lastSlash + 1);
        String name = resource.substring(lastSlash + 1);
        return name.length() <= maxName && IAM_NAME.matcher(name).matches() && path.length() <= 512
                && IAM_PATH.matcher(path).matches();
    }

    /** The PolicyArns members; violations go to {@code errors}, and a list too long is not looked into. */
    static List<String> policyArns(QueryParameters params, ValidationErrors errors) {
        List<Map<String, String>> members = params.memberStructs("PolicyArns", "arn");
        if (members.size() > MAX_POLICY_ARNS) {
            listTooLong(errors, "policyArns", MAX_POLICY_ARNS);
            return List.of();
        }
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String arn = members.get(i).get("arn");
            if (ParameterConstraints.STS_ARN.check("policyArns." + (i + 1) + ".member.arn", arn, errors)) {
                arns.add(arn);
            }
        }
        return arns;
    }

    /** The Tags members; violations go to {@code errors}, and a list too long is not looked into. */
    static List<Tag> tags(QueryParameters params, ValidationErrors errors) {
        List<Map<String, String>> members = params.memberStructs("Tags", "Key", "Value");
        if (members.size() > MAX_TAGS) {
            listTooLong(errors, "tags", MAX_TAGS);
            return List.of();
        }
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            String prefix = "tags." + (i + 1) + ".member.";
            String key = echoed(errors, prefix + "key", members.get(i).get("Key"), 1, MAX_TAG_KEY, TAG_KEY);
            String value = echoed(errors, prefix + "value", members.get(i).get("Value"), 0, MAX_TAG_VALUE, TAG_VALUE);
            if (key != null && value != null) {
                tags.add(new Tag(key, value));
            }
        }
        return tags;
    }

    static void requireUniqueKeys(List<Tag> tags) {
        Set<String> seen = new HashSet<>();
        for (Tag tag : tags) {
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw new StsException(StsErrorCode.INVALID_PARAMETER_VALUE,
                        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    /** The transitive keys, each spelled as its tag spells it, without repeats. */
    private static List<String> transitiveTagKeys(List<String> keys, List<Tag> tags) {
        Map<String, String> tagKeys = new HashMap<>();
        tags.forEach(tag -> tagKeys.put(tag.key().toLowerCase(Locale.ROOT), tag.key()));
        Set<String> transitive = new LinkedHashSet<>();
        for (String key : keys) {
            String tagKey = tagKeys.get(key.toLowerCase(Locale.ROOT));
            if (tagKey == null) {
                throw new StsException(StsErrorCode.INVALID_PARAMETER_VALUE,
                        "The specified transitive tag key must be included in the requested tags.");
            }
            transitive.add(tagKey);
        }
        return List.copyOf(transitive);
    }

    private static void listTooLong(ValidationErrors errors, String member, int max) {
        errors.violated(member, null, "Member must have length less than or equal to " + max);
    }

    /**
     * Checks a value that AWS echoes in its refusal ({@code Value 'x' at 'member' failed to satisfy constraint:
     * …}): the value, or null with the violation added to {@code errors}. {@link QueryParameters#string} does not
     * echo, and stays the choice for Policy, ExternalId and TokenCode.
     */
    private static String echoed(ValidationErrors errors, String member, String value, int min, int max, Pattern allowed) {
        if (value == null) {
            errors.missing(member);
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            errors.violated(member, shown(value), "Member must have length greater than or equal to " + min);
            return null;
        }
        if (length > max) {
            errors.violated(member, shown(value), "Member must have length less than or equal to " + max);
            return null;
        }
        if (allowed != null && !allowed.matcher(value).matches()) {
            errors.violated(member, shown(value), "Member must satisfy regular expression pattern: " + allowed.pattern());
            return null;
        }
        return value;
    }

    /** AWS's "ARN is invalid" refusal (ValidationError), e.g. {@code arn:aws:iam::111111111111:user/bob is invalid}. */
    static StsException invalidArn(String arn) {
        return StsException.validation(shown(arn) + " is invalid");
    }

    /** The value as echoed: control characters and lone surrogates shown as '?', cut after {@value #MAX_ECHOED} characters. */
    static String shown(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_ECHOED).forEach(cp ->
                out.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE ? '?' : cp));
        if (value.codePointCount(0, value.length()) > MAX_ECHOED) {
            out.append("...");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "AssumeRoleRequest[roleArn=" + roleArn + ", roleSessionName=" + roleSessionName + ", durationSeconds="
                + durationSeconds + ", policy=" + policy.isPresent() + ", policyArns=" + policyArns + ", tagKeys="
                + tags.stream().map(Tag::key).toList() + ", transitiveTagKeys=" + transitiveTagKeys + ", externalId="
                + externalId.isPresent() + ", mfa=" + presentsMfa() + ", sourceIdentity=" + sourceIdentity + "]";
    }
}

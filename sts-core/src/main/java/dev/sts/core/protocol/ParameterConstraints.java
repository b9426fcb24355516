package dev.sts.core.protocol;

import java.util.regex.Pattern;

/**
 * The string shapes of AWS's IAM and STS models that this service reads, with the length bounds and character
 * patterns of botocore's {@code iam/2010-05-08} and {@code sts/2011-06-15} service models, one constant per
 * shape. Every IAM and STS string parameter is checked against its shape here before anything else reads it,
 * so a character that cannot travel in an XML 1.0 response (U+FFFF, controls) never gets into stored state.
 *
 * <p>Shapes without a pattern in the model (e.g. {@code policyDescriptionType}) have only their lengths; the
 * XML writer replaces any character XML forbids in what they hold.
 */
public final class ParameterConstraints {
    private static final String NAME = "[\\w+=,.@-]+";
    private static final String TAG_KEY_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";
    private static final String TAG_VALUE_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";
    private static final String POLICY_TEXT = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";

    // --- IAM (iam/2010-05-08)
    /** CreateRole, UpdateRole, UpdateRoleDescription: Description. */
    public static final ParameterConstraint ROLE_DESCRIPTION =
            ParameterConstraint.of("roleDescriptionType", 0, 1_000, "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");
    /** CreatePolicy: Description (the model gives it no pattern). */
    public static final ParameterConstraint POLICY_DESCRIPTION = ParameterConstraint.of("policyDescriptionType", 0, 1_000, null);
    /** Role names. */
    public static final ParameterConstraint ROLE_NAME = ParameterConstraint.of("roleNameType", 1, 64, NAME);
    /** User names (CreateUser). */
    public static final ParameterConstraint USER_NAME = ParameterConstraint.of("userNameType", 1, 64, NAME);
    /** Managed and inline policy names. */
    public static final ParameterConstraint POLICY_NAME = ParameterConstraint.of("policyNameType", 1, 128, NAME);
    /** Role and user paths. */
    public static final ParameterConstraint PATH = ParameterConstraint.of("pathType", 1, 512, "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    /** List* PathPrefix. */
    public static final ParameterConstraint PATH_PREFIX = ParameterConstraint.of("pathPrefixType", 1, 512, "\\u002F[\\u0021-\\u007F]*");
    /** Policy documents: identity, trust, boundary, SimulateCustomPolicy inputs. */
    public static final ParameterConstraint POLICY_DOCUMENT = ParameterConstraint.of("policyDocumentType", 1, 131_072, POLICY_TEXT);
    /** Tag keys, IAM and STS alike. */
    public static final ParameterConstraint TAG_KEY = ParameterConstraint.of("tagKeyType", 1, 128, TAG_KEY_PATTERN);
    /** Tag values, IAM and STS alike. */
    public static final ParameterConstraint TAG_VALUE = ParameterConstraint.of("tagValueType", 0, 256, TAG_VALUE_PATTERN);
    /** Pagination markers. */
    public static final ParameterConstraint MARKER = ParameterConstraint.of("markerType", 1, 320, "[\\u0020-\\u00FF]+");

    // --- STS (sts/2011-06-15)
    /** STS ARN members (RoleArn, PolicyArns): AWS's pattern names code points above U+FFFF, which Java spells \x{…}. */
    public static final ParameterConstraint STS_ARN = new ParameterConstraint("arnType", 20, 2_048,
            "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+",
            Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]+"));
    public static final ParameterConstraint ROLE_SESSION_NAME = ParameterConstraint.of("roleSessionNameType", 2, 64, "[\\w+=,.@-]*");
    /** Session policies of AssumeRole (the model sets no maximum; the service's own limit applies after). */
    public static final ParameterConstraint SESSION_POLICY = ParameterConstraint.of("unrestrictedSessionPolicyDocumentType", 1, Integer.MAX_VALUE, POLICY_TEXT);
    /** GetFederationToken's Policy. */
    public static final ParameterConstraint FEDERATION_SESSION_POLICY = ParameterConstraint.of("sessionPolicyDocumentType", 1, 2_048, POLICY_TEXT);
    public static final ParameterConstraint EXTERNAL_ID = ParameterConstraint.of("externalIdType", 2, 1_224, "[\\w+=,.@:\\/-]*");
    public static final ParameterConstraint SERIAL_NUMBER = ParameterConstraint.of("serialNumberType", 9, 256, "[\\w+=/:,.@-]*");
    public static final ParameterConstraint TOKEN_CODE = ParameterConstraint.of("tokenCodeType", 6, 6, "[\\d]*");
    public static final ParameterConstraint SOURCE_IDENTITY = ParameterConstraint.of("sourceIdentityType", 2, 64, "[\\w+=,.@-]*");
    /** GetFederationToken's Name. */
    public static final ParameterConstraint FEDERATED_USER_NAME = ParameterConstraint.of("userNameType", 2, 32, "[\\w+=,.@-]*");
    public static final ParameterConstraint ACCESS_KEY_ID = ParameterConstraint.of("accessKeyIdType", 16, 128, "[\\w]*");
    /** AssumeRoleWithWebIdentity's WebIdentityToken: a bearer credential, never echoed. */
    public static final ParameterConstraint WEB_IDENTITY_TOKEN = ParameterConstraint.of("clientTokenType", 4, 20_000, null);
    /** AssumeRoleWithWebIdentity's ProviderId. */
    public static final ParameterConstraint PROVIDER_ID = ParameterConstraint.of("urlType", 4, 2_048, null);

    private ParameterConstraints() {
    }
}

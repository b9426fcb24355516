package dev.sts.core.sts;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.policy.PolicyDocument;
import dev.sts.core.policy.PolicyKind;
import dev.sts.core.policy.PolicyParser;
import dev.sts.core.protocol.ParameterConstraints;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.ValidationErrors;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * AssumeRoleWithWebIdentity's parameters, validated with AWS's limits (botocore's model of the action) and worded as
 * {@link AssumeRoleRequest} words its refusals, which it shares with AssumeRole: RoleArn, RoleSessionName,
 * DurationSeconds, Policy and PolicyArns follow the same rules.
 *
 * <p>ProviderId is accepted by AWS only for the OAuth 2.0 access tokens of {@code www.amazon.com} and
 * {@code graph.facebook.com}; every other provider is an OpenID Connect issuer whose ID tokens say who issued them.
 * This service trusts OpenID Connect ID tokens only, so a request with a ProviderId (well-formed: 4–2,048
 * characters) is refused with InvalidParameterValue rather than silently ignored.
 *
 * @param roleArn          the role to assume: {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}
 * @param roleSessionName  2–64 characters of {@code [\w+=,.@-]}
 * @param webIdentityToken the ID token, 4–20,000 characters; a bearer credential that never reaches a message,
 *                         a log or {@link #toString()}
 * @param durationSeconds  900–43,200 when given; the role's own maximum is checked later
 * @param policy           the inline session policy (at most 2,048 characters)
 * @param policyArns       at most 10 managed session policy ARNs
 */
public record WebIdentityRequest(String roleArn, String roleSessionName, String webIdentityToken,
                                 OptionalInt durationSeconds, Optional<PolicyDocument> policy,
                                 List<String> policyArns) {
    static final String PROVIDER_ID_REFUSED = "ProviderId is only for OAuth 2.0 access tokens of www.amazon.com and "
            + "graph.facebook.com, which this service does not accept; send an OpenID Connect ID token without ProviderId.";

    public WebIdentityRequest {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        Objects.requireNonNull(webIdentityToken, "webIdentityToken");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        Objects.requireNonNull(policy, "policy");
        policyArns = List.copyOf(policyArns);
    }

    /**
     * Reads and validates the parameters.
     *
     * @throws StsException ValidationError for a missing, mis-sized or mis-shaped parameter (the token is never
     *                      echoed), or a RoleArn or policy ARN that is not one; MalformedPolicyDocument for a Policy
     *                      that is not a valid session policy; InvalidParameterValue for a ProviderId
     */
    public static WebIdentityRequest from(QueryParameters params) {
        ValidationErrors errors = new ValidationErrors();
        String roleArn = roleArnOf(params, errors);
        String sessionName = params.optional("RoleSessionName").orElse(null);
        if (!ParameterConstraints.ROLE_SESSION_NAME.check("roleSessionName", sessionName, errors)) {
            sessionName = null;
        }
        String token = params.optional("WebIdentityToken").orElse(null);
        if (!ParameterConstraints.WEB_IDENTITY_TOKEN.checkUnechoed("webIdentityToken", token, errors)) {
            token = null;
        }
        String providerId = params.optional("ProviderId").orElse(null);
        if (providerId != null) {
            ParameterConstraints.PROVIDER_ID.check("providerId", providerId, errors);
        }
        List<String> policyArns = AssumeRoleRequest.policyArns(params, errors);
        Optional<String> policyJson = params.string("Policy", 1, AssumeRoleRequest.MAX_POLICY_LENGTH,
                AssumeRoleRequest.POLICY_TEXT, errors);
        OptionalInt duration = params.integer("DurationSeconds", AssumeRoleRequest.MIN_DURATION,
                AssumeRoleRequest.MAX_DURATION, errors);
        errors.throwIfAny();

        if (!AssumeRoleRequest.isRoleArn(roleArn)) {
            throw AssumeRoleRequest.invalidArn(roleArn);
        }
        policyArns.stream().filter(arn -> !AssumeRoleRequest.isPolicyArn(arn)).findFirst().ifPresent(arn -> {
            throw AssumeRoleRequest.invalidArn(arn);
        });
        if (providerId != null) {
            throw new StsException(StsErrorCode.INVALID_PARAMETER_VALUE, PROVIDER_ID_REFUSED);
        }
        Optional<PolicyDocument> policy = policyJson.map(json -> PolicyParser.parse(json, PolicyKind.SESSION));
        return new WebIdentityRequest(roleArn, sessionName, token, duration, policy, policyArns);
    }

    /**
     * The account of the request's RoleArn, read before anything else (the pipeline throttles by it).
     *
     * @throws StsException ValidationError for a RoleArn that is missing, mis-sized or not a role's ARN
     */
    public static String roleAccount(QueryParameters params) {
        ValidationErrors errors = new ValidationErrors();
        String roleArn = roleArnOf(params, errors);
        errors.throwIfAny();
        if (!AssumeRoleRequest.isRoleArn(roleArn)) {
            throw AssumeRoleRequest.invalidArn(roleArn);
        }
        return roleArn.split(":", 6)[4];
    }

    private static String roleArnOf(QueryParameters params, ValidationErrors errors) {
        String value = params.optional("RoleArn").orElse(null);
        return ParameterConstraints.STS_ARN.check("roleArn", value, errors) ? value : null;
    }

    /** Whether the request passes a session policy, inline or managed. */
    public boolean passesSessionPolicies() {
        return policy.isPresent() || !policyArns.isEmpty();
    }

    /** The inline session policy as the caller sent it. */
    public Optional<String> policyJson() {
        return policy.map(PolicyDocument::json);
    }

    /** The token stays out: it is a bearer credential. */
    @Override
    public String toString() {
        return "WebIdentityRequest[roleArn=" + roleArn + ", roleSessionName=" + roleSessionName + ", durationSeconds="
                + durationSeconds + ", policy=" + policy.isPresent() + ", policyArns=" + policyArns + "]";
    }
}

package dev.sts.core.error;

/**
 * Every error this platform answers with, as AWS names it, with its HTTP status and fault side.
 * One table, so a code's status can never differ between services.
 */
public enum StsErrorCode {
    ACCESS_DENIED("AccessDenied", 403, Fault.SENDER),
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403, Fault.SENDER),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403, Fault.SENDER),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403, Fault.SENDER),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400, Fault.SENDER),
    EXPIRED_TOKEN("ExpiredToken", 400, Fault.SENDER),
    VALIDATION_ERROR("ValidationError", 400, Fault.SENDER),
    MISSING_PARAMETER("MissingParameter", 400, Fault.SENDER),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400, Fault.SENDER),
    INVALID_ACTION("InvalidAction", 400, Fault.SENDER),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400, Fault.SENDER),
    PACKED_POLICY_TOO_LARGE("PackedPolicyTooLarge", 400, Fault.SENDER),
    REGION_DISABLED("RegionDisabledException", 403, Fault.SENDER),
    IDP_REJECTED_CLAIM("IDPRejectedClaim", 403, Fault.SENDER),
    IDP_COMMUNICATION_ERROR("IDPCommunicationError", 400, Fault.SENDER),
    INVALID_IDENTITY_TOKEN("InvalidIdentityToken", 400, Fault.SENDER),
    /** AssumeRoleWithWebIdentity: the web identity token has expired (not {@link #EXPIRED_TOKEN}, a session's). */
    EXPIRED_TOKEN_EXCEPTION("ExpiredTokenException", 400, Fault.SENDER),
    /** GetWebIdentityToken: the caller's account has not enabled outbound web identity federation. */
    OUTBOUND_WEB_IDENTITY_FEDERATION_DISABLED("OutboundWebIdentityFederationDisabledException", 403, Fault.SENDER),
    /** GetWebIdentityToken: the token's payload (claims, audiences, tags) is too large. */
    JWT_PAYLOAD_SIZE_EXCEEDED("JWTPayloadSizeExceededException", 400, Fault.SENDER),
    /** GetWebIdentityToken: the requested token would outlive what the caller's own session allows. */
    SESSION_DURATION_ESCALATION("SessionDurationEscalationException", 403, Fault.SENDER),
    INVALID_AUTHORIZATION_MESSAGE("InvalidAuthorizationMessageException", 400, Fault.SENDER),
    THROTTLING("Throttling", 400, Fault.SENDER),
    /** The request is not well-formed HTTP for the Query protocol (bad encoding, oversized body). */
    MALFORMED_QUERY_STRING("MalformedQueryString", 400, Fault.SENDER),
    NO_SUCH_VERSION("NoSuchVersion", 400, Fault.SENDER),
    NO_SUCH_ENTITY("NoSuchEntity", 404, Fault.SENDER),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409, Fault.SENDER),
    LIMIT_EXCEEDED("LimitExceeded", 409, Fault.SENDER),
    DELETE_CONFLICT("DeleteConflict", 409, Fault.SENDER),
    INVALID_INPUT("InvalidInput", 400, Fault.SENDER),
    /** IAM EnableOutboundWebIdentityFederation when it is already on. */
    FEATURE_ENABLED("FeatureEnabled", 409, Fault.SENDER),
    /** IAM Get…Info / DisableOutboundWebIdentityFederation when it is off. */
    FEATURE_DISABLED("FeatureDisabled", 404, Fault.SENDER),
    INVALID_AUTHENTICATION_CODE("InvalidAuthenticationCode", 403, Fault.SENDER),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, Fault.RECEIVER),
    INTERNAL_FAILURE("InternalFailure", 500, Fault.RECEIVER);

    /** Which side AWS blames: the {@code Type} element of an error response. */
    public enum Fault {
        SENDER("Sender"), RECEIVER("Receiver");

        private final String wireName;

        Fault(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final String code;
    private final int httpStatus;
    private final Fault fault;

    StsErrorCode(String code, int httpStatus, Fault fault) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.fault = fault;
    }

    /** The code exactly as AWS spells it on the wire, e.g. {@code InvalidClientTokenId}. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Fault fault() {
        return fault;
    }
}

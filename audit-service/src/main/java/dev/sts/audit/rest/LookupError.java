package dev.sts.audit.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The errors the audit API answers, in the shape of a JSON-protocol AWS service such as CloudTrail:
 * {@code {"__type": "...", "message": "..."}} with the status AWS gives each. The one table and the one writer.
 */
public enum LookupError {
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 403),
    INVALID_SIGNATURE("InvalidSignatureException", 403),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 403),
    EXPIRED_TOKEN("ExpiredTokenException", 403),
    ACCESS_DENIED("AccessDeniedException", 400),
    VALIDATION("ValidationException", 400),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503),
    INTERNAL_FAILURE("InternalFailure", 500);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The STS/IAM (Query protocol) codes policy-service's signature check answers with, by their JSON name. */
    private static final Map<String, LookupError> BY_QUERY_CODE = Map.of(
            "MissingAuthenticationToken", MISSING_AUTHENTICATION_TOKEN,
            "InvalidClientTokenId", UNRECOGNIZED_CLIENT,
            "SignatureDoesNotMatch", INVALID_SIGNATURE,
            "IncompleteSignature", INCOMPLETE_SIGNATURE,
            "ExpiredToken", EXPIRED_TOKEN,
            "AccessDenied", ACCESS_DENIED);

    private final String type;
    private final int status;

    LookupError(String type, int status) {
        this.type = type;
        this.status = status;
    }

    /** An unknown code fails closed as a refusal of the signature, never as success. */
    static LookupError ofQueryCode(String code) {
        return BY_QUERY_CODE.getOrDefault(code, INCOMPLETE_SIGNATURE);
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    Response response(String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).header("x-amzn-ErrorType", type)
                .entity(body.toString()).build();
    }
}

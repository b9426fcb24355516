package dev.sts.federation.rest;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one place federation-service's JSON endpoints turn an exception into an answer: a refusal
 * ({@link StsException}) becomes {@code {"code", "message"}} with its AWS code's HTTP status; anything unexpected
 * becomes {@code InternalFailure} (500) with a request id and no detail, the detail logged under that id.
 */
public class JsonErrorMapper {
    private static final Logger LOG = Logger.getLogger(JsonErrorMapper.class);

    @ServerExceptionMapper
    public Response refused(StsException refusal) {
        return answer(refusal.errorCode().httpStatus(), refusal.errorCode().code(), refusal.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception failure) {
        if (failure instanceof WebApplicationException web) {
            return web.getResponse();
        }
        String requestId = UUID.randomUUID().toString();
        // The exception's class and message only: a cause's message could quote input.
        LOG.errorf("Request %s failed: %s", requestId, failure.getClass().getName());
        StsErrorCode code = StsErrorCode.INTERNAL_FAILURE;
        return answer(code.httpStatus(), code.code(), "The request could not be processed", requestId);
    }

    private static Response answer(int status, String code, String message, String requestId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store").entity(body).build();
    }
}

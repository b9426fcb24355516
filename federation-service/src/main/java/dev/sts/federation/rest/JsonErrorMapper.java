package dev.sts.federation.rest;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.port.DependencyFailures;
import dev.sts.support.InfrastructureFailures;
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
 * becomes {@code ServiceUnavailable} (503) when Redis is down or overloaded, else {@code InternalFailure} (500), with a
 * request id and no detail, the exception's class logged under that id.
 */
public class JsonErrorMapper {
    private static final Logger LOG = Logger.getLogger(JsonErrorMapper.class);
    private static final DependencyFailures DEPENDENCIES = new InfrastructureFailures();

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
        if (DEPENDENCIES.isUnavailable(failure)) {
            LOG.warnf("Request %s: a dependency is unavailable (%s)", requestId, failure.getClass().getName());
            StsErrorCode code = StsErrorCode.SERVICE_UNAVAILABLE;
            return answer(code.httpStatus(), code.code(), "The service is unavailable; please retry", requestId);
        }
        // The exception's class only: a message could quote input.
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

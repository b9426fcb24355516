package dev.sts.audit.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Anything the audit API did not answer itself becomes an AWS JSON error, never a stack trace. */
public class LookupExceptionMapper {
    private static final Logger LOG = Logger.getLogger(LookupExceptionMapper.class);

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return LookupError.VALIDATION.response("The request is not one this API answers.");
        }
        LOG.error("Audit query failed", e);
        return LookupError.INTERNAL_FAILURE.response("The request processing has failed because of an unknown error.");
    }
}

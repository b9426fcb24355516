package dev.sts.federation.outbound;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /internal/v1/web-identity-tokens} (the federation service credential, checked in front of every
 * {@code /internal/*} route): signs GetWebIdentityToken's JWT for a call token-service has authenticated and
 * authorized. 200 {@code {"token", "expiration"}}; a refusal {@code {"code", "message"}} with the code's HTTP status.
 * The body is parsed strictly (an unknown field is refused); no answer or log line ever shows a token.
 */
@Path("/internal/v1/web-identity-tokens")
public class WebIdentityTokenResource {
    static final int MAX_BODY_CHARS = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(WebIdentityTokenResource.class);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final WebIdentityTokenIssuer issuer;

    WebIdentityTokenResource(WebIdentityTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(String body) {
        try {
            WebIdentityTokenIssuer.IssuedToken issued = issuer.issue(parse(body));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("token", issued.token());
            answer.put("expiration", issued.expiration().toString());
            return Response.ok(answer).build();
        } catch (StsException e) {
            return refusal(e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("GetWebIdentityToken could not sign a token", e);
            return refusal(StsErrorCode.INTERNAL_FAILURE, "An internal error occurred.");
        }
    }

    static WebIdentityTokenRequest parse(String body) {
        if (body == null || body.isEmpty() || body.length() > MAX_BODY_CHARS) {
            throw StsException.validation("The request body must be a JSON object of at most 64 KiB");
        }
        try {
            WebIdentityTokenRequest request = JSON.readValue(body, WebIdentityTokenRequest.class);
            if (request == null) {
                throw StsException.validation("The request body must be a JSON object");
            }
            return request;
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StsException refusal) {
                throw refusal;
            }
            throw StsException.validation("The request body is not a web identity token request");
        } catch (IOException e) {
            throw StsException.validation("The request body is not a web identity token request");
        }
    }

    private static Response refusal(StsErrorCode code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code.code());
        body.put("message", message);
        return Response.status(code.httpStatus()).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}

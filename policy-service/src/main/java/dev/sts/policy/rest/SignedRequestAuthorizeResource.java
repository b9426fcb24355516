package dev.sts.policy.rest;

import dev.sts.core.authz.AuthorizationQuery;
import dev.sts.core.error.StsException;
import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.policy.service.AuthorizationService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/authorize/signed-request}: for a platform service that serves an AWS API of its own (audit-service's
 * {@code cloudtrail} endpoint): verifies the SigV4 signature of the request it forwards exactly as policy-service
 * verifies its own IAM calls (the same {@link dev.sts.core.auth.RequestAuthenticator}: long-term and session keys,
 * the endpoint's region, the clock skew, revocations), then decides the action on the resource with the caller's
 * policies. Answers who signed and the decision; a signature that does not hold is answered with its AWS error.
 * Only authorize clients reach it ({@link ServiceCredentialRoutes} guards every {@code /v1/authorize} path).
 */
@Path("/v1/authorize/signed-request")
public class SignedRequestAuthorizeResource {
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]{1,64}:[A-Za-z0-9]{1,128}");
    private static final int MAX_RESOURCE = 2048;
    private static final int MAX_HEADERS = 64;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PATH = 2048;
    private static final int MAX_QUERY = 8192;
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final AuthorizationService authorization;

    SignedRequestAuthorizeResource(AuthorizationService authorization) {
        this.authorization = authorization;
    }

    /**
     * The request as the calling service received it, the endpoint it was made to, and what to authorize.
     *
     * @param service the SigV4 signing name of the endpoint ({@code cloudtrail})
     * @param region  the endpoint's region; the signature's scope must name it
     * @param sourceIp the caller's address as the calling service saw it ({@code aws:SourceIp}), optional
     */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, String bodyBase64,
                          String service, String region, String action, String resource, String sourceIp) {
    }

    public record Failure(String code, int httpStatus, String message) {
    }

    /** {@code decision} is {@code Allow} or {@code Deny}; principal and account are absent when the signature failed. */
    public record Answer(String decision, String principalArn, String account, Failure error) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorize(Request request) {
        SignedRequest signed;
        AuthorizationQuery query;
        try {
            signed = signed(request);
            query = new AuthorizationQuery(request.action(), request.resource() == null ? "*" : request.resource(),
                    Optional.empty(), Optional.empty(), Map.of(), request.sourceIp());
        } catch (StsException badRequest) {
            // The calling service's own request is malformed: a 400 to it, whatever the signature says.
            return Response.status(Response.Status.BAD_REQUEST).entity(refusal(badRequest)).build();
        } catch (RuntimeException malformed) {
            // A shape the checks above did not foresee (a null header value, say): still the caller's request.
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(refusal(StsException.validation("the request is not well formed"))).build();
        }
        try {
            AuthorizationService.Verdict verdict = authorization.authorizeSignedForRegion(signed, request.service(),
                    request.region(), query);
            return Response.ok(new Answer(verdict.decision().allowed() ? "Allow" : "Deny", verdict.caller().arn(),
                    verdict.caller().account(), null)).build();
        } catch (StsException refused) {
            return Response.ok(refusal(refused)).build();
        }
    }

    private static Answer refusal(StsException e) {
        return new Answer("Deny", null, null, new Failure(e.errorCode().code(), e.errorCode().httpStatus(), e.getMessage()));
    }

    private static SignedRequest signed(Request request) {
        if (request == null) {
            throw StsException.validation("a JSON body is required");
        }
        if (request.action() == null || !ACTION.matcher(request.action()).matches()) {
            throw StsException.validation("action must look like service:Action");
        }
        if (request.sourceIp() != null && request.sourceIp().length() > 64) {
            throw StsException.validation("sourceIp is longer than 64 characters");
        }
        if (request.resource() != null && request.resource().length() > MAX_RESOURCE) {
            throw StsException.validation("resource is longer than " + MAX_RESOURCE + " characters");
        }
        if (request.method() == null || request.method().length() > 16 || request.headers() == null
                || request.service() == null || request.region() == null) {
            throw StsException.validation("method, headers, service and region are required");
        }
        if (request.path() != null && request.path().length() > MAX_PATH
                || request.query() != null && request.query().length() > MAX_QUERY) {
            throw StsException.validation("path or query is too long");
        }
        int headerBytes = 0;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (header.getKey() == null || header.getValue() == null) {
                throw StsException.validation("headers must be names with lists of values");
            }
            headerBytes += header.getKey().length();
            for (String value : header.getValue()) {
                headerBytes += value == null ? 0 : value.length();
            }
        }
        if (request.headers().size() > MAX_HEADERS || headerBytes > MAX_HEADER_BYTES) {
            throw StsException.validation("at most " + MAX_HEADERS + " headers of " + MAX_HEADER_BYTES + " bytes in all");
        }
        byte[] body;
        try {
            body = request.bodyBase64() == null ? new byte[0] : Base64.getDecoder().decode(request.bodyBase64());
        } catch (IllegalArgumentException e) {
            throw StsException.validation("bodyBase64 is not base64");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw StsException.validation("body is larger than 1 MiB");
        }
        return new SignedRequest(request.method(), request.path() == null ? "/" : request.path(), request.query(),
                HttpHeaders.of(request.headers()), body);
    }
}

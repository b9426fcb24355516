package dev.sts.policy.rest;

import dev.sts.core.authz.AuthorizationQuery;
import dev.sts.core.authz.DerivedConditionKeys;
import dev.sts.core.error.StsException;
import dev.sts.core.policy.DecidingStatement;
import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SignedRequest;
import dev.sts.policy.service.AuthorizationService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/authorize}: the decision service for resource services that accept platform credentials.
 * Resource services only: each presents its own authorize credential ({@code X-Sts-Authorize-Token}), checked
 * by {@link ServiceCredentialRoutes} before this runs. See the README for the request and answer shapes.
 */
@Path("/v1/authorize")
public class AuthorizeResource {
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]{1,64}:[A-Za-z0-9*?]{1,128}");
    private static final int MAX_RESOURCE = 2048;
    private static final int MAX_CONTEXT_KEYS = 64;
    private static final int MAX_CONTEXT_VALUES = 64;
    private static final int MAX_CONTEXT_KEY = 256;
    private static final int MAX_CONTEXT_VALUE = 4096;
    private static final int MAX_BODY_BYTES = 1 << 20;

    private final AuthorizationService authorization;

    AuthorizeResource(AuthorizationService authorization) {
        this.authorization = authorization;
    }

    /** The forwarded request, exactly as the resource service received it. */
    public record ForwardedRequest(String method, String path, String query, Map<String, List<String>> headers,
                                   String bodyBase64, String service) {
    }

    public record AuthorizeRequest(ForwardedRequest signedRequest, String principalArn, String action, String resource,
                                   String resourceAccount, String resourcePolicy, Map<String, List<String>> context,
                                   String sourceIp) {
    }

    public record Statement(String policy, String policyType, String sid, int statementIndex, String effect) {
        static Statement of(DecidingStatement s) {
            return new Statement(s.policyName(), s.policyType().name(), s.sid().orElse(null), s.statementIndex(),
                    s.effect().name());
        }
    }

    public record Principal(String arn, String account, String userId) {
    }

    public record Failure(String code, int httpStatus, String message) {
    }

    public record Answer(String decision, String outcome, Principal principal, List<Statement> matchedStatements,
                         List<String> missingContextKeys, String encodedAuthorizationMessage, Failure error) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorize(AuthorizeRequest request) {
        AuthorizationQuery query;
        try {
            query = query(request);
        } catch (StsException badQuery) {
            // The resource service's own request is malformed: a 400 to it, whatever the signed request says.
            return Response.status(Response.Status.BAD_REQUEST).entity(new Answer("Deny", null, null, List.of(), List.of(),
                    null, new Failure(badQuery.errorCode().code(), badQuery.errorCode().httpStatus(),
                    badQuery.getMessage()))).build();
        }
        try {
            AuthorizationService.Verdict verdict;
            if (request.signedRequest() != null) {
                verdict = authorization.authorizeSigned(signed(request.signedRequest()), request.signedRequest().service(), query);
            } else if (request.principalArn() != null) {
                verdict = authorization.authorizePrincipal(request.principalArn(), query);
            } else {
                throw StsException.validation("either signedRequest or principalArn is required");
            }
            return Response.ok(new Answer(verdict.decision().allowed() ? "Allow" : "Deny",
                    verdict.decision().outcome().wireName(),
                    new Principal(verdict.caller().arn(), verdict.caller().account(), verdict.caller().userId()),
                    verdict.decision().decidingStatements().stream().map(Statement::of).toList(),
                    verdict.decision().missingContextKeys(), verdict.encodedMessage().orElse(null), null)).build();
        } catch (StsException refused) {
            Failure failure = new Failure(refused.errorCode().code(), refused.errorCode().httpStatus(), refused.getMessage());
            boolean badQuery = refused.errorCode().httpStatus() == 400 && request != null && request.signedRequest() == null;
            return Response.status(badQuery ? 400 : 200)
                    .entity(new Answer("Deny", null, null, List.of(), List.of(), null, failure)).build();
        }
    }

    private static AuthorizationQuery query(AuthorizeRequest request) {
        if (request == null) {
            throw StsException.validation("a JSON body is required");
        }
        if (request.action() == null || !ACTION.matcher(request.action()).matches()) {
            throw StsException.validation("action must look like service:Action");
        }
        String resource = request.resource() == null ? "*" : request.resource();
        if (resource.length() > MAX_RESOURCE) {
            throw StsException.validation("resource is longer than " + MAX_RESOURCE + " characters");
        }
        Map<String, List<String>> context = request.context() == null ? Map.of() : request.context();
        if (context.size() > MAX_CONTEXT_KEYS || context.values().stream().anyMatch(v -> v == null || v.size() > MAX_CONTEXT_VALUES)) {
            throw StsException.validation("context allows " + MAX_CONTEXT_KEYS + " keys of up to " + MAX_CONTEXT_VALUES + " values");
        }
        if (context.keySet().stream().anyMatch(key -> key == null || key.isEmpty() || key.length() > MAX_CONTEXT_KEY)
                || context.values().stream().flatMap(List::stream).anyMatch(v -> v == null || v.length() > MAX_CONTEXT_VALUE)) {
            throw StsException.validation("context keys are 1-" + MAX_CONTEXT_KEY + " characters, values at most "
                    + MAX_CONTEXT_VALUE);
        }
        Optional<String> derived = DerivedConditionKeys.firstDerivedFor(request.action(), context.keySet());
        if (derived.isPresent()) {
            throw StsException.validation("context key " + derived.get() + " is derived by the platform from the "
                    + "authenticated caller and cannot be supplied");
        }
        return new AuthorizationQuery(request.action(), resource, Optional.ofNullable(request.resourceAccount()),
                Optional.ofNullable(request.resourcePolicy()), context, request.sourceIp());
    }

    private static SignedRequest signed(ForwardedRequest forwarded) {
        if (forwarded.method() == null || forwarded.headers() == null || forwarded.service() == null) {
            throw StsException.validation("signedRequest needs method, headers and service");
        }
        byte[] body;
        try {
            body = forwarded.bodyBase64() == null ? new byte[0] : Base64.getDecoder().decode(forwarded.bodyBase64());
        } catch (IllegalArgumentException e) {
            throw StsException.validation("signedRequest.bodyBase64 is not base64");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw StsException.validation("signedRequest body is larger than 1 MiB");
        }
        return new SignedRequest(forwarded.method(), forwarded.path() == null ? "/" : forwarded.path(), forwarded.query(),
                HttpHeaders.of(forwarded.headers()), body);
    }
}

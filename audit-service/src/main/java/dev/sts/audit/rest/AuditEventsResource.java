package dev.sts.audit.rest;

import dev.sts.audit.archive.EventQuery;
import dev.sts.audit.archive.FileAuditArchive;
import dev.sts.audit.client.PolicyServiceAuthorizer;
import dev.sts.audit.config.AuditServiceConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the archive: {@code GET /v1/events?requestId=…&eventName=…&accountId=…&limit=…}, newest first, as a JSON
 * array of CloudTrail records (CloudTrail's LookupEvents API comes with the audit issue).
 *
 * <p>Every call is signed with SigV4 for the {@code cloudtrail} service and this endpoint's region, and authorized for
 * {@code cloudtrail:LookupEvents} by policy-service, which verifies the signature ({@link PolicyServiceAuthorizer}).
 * The caller sees only its own account's events: the query is always the caller's account; an {@code accountId}
 * naming another account is refused with AccessDenied, so that nobody mistakes an empty answer for "no events".
 * The request is bounded before it is forwarded; refusals are AWS JSON errors ({@link LookupError}).
 */
@Path("/v1/events")
public class AuditEventsResource {
    static final String ACTION = "cloudtrail:LookupEvents";
    static final String SIGNING_NAME = "cloudtrail";
    private static final Logger LOG = Logger.getLogger(AuditEventsResource.class);
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_QUERY_CHARS = 4096;
    private static final int MAX_QUERY_PARAMETERS = 16;
    private static final int MAX_HEADERS = 48;
    private static final int MAX_HEADER_BYTES = 12 * 1024;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final Pattern EVENT_NAME = Pattern.compile("[\\x20-\\x7E]{1,128}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern LIMIT = Pattern.compile("\\d{1,4}");
    private static final List<String> PARAMETERS = List.of("requestId", "eventName", "accountId", "limit");

    private final FileAuditArchive archive;
    private final PolicyServiceAuthorizer authorizer;
    private final String region;

    AuditEventsResource(FileAuditArchive archive, PolicyServiceAuthorizer authorizer, AuditServiceConfig config) {
        this.archive = archive;
        this.authorizer = authorizer;
        this.region = config.region();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response events(@Context HttpServerRequest http) {
        String rawQuery = http.query();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        for (Map.Entry<String, String> header : http.headers()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), name -> new ArrayList<>()).add(header.getValue());
            headerBytes += header.getKey().length() + header.getValue().length();
        }
        if (!headers.containsKey("host") && http.host() != null) {
            // HTTP/2 carries the signed Host header as the :authority pseudo-header.
            headers.put("host", List.of(http.host()));
        }
        if (headers.size() > MAX_HEADERS || headerBytes > MAX_HEADER_BYTES) {
            return LookupError.VALIDATION.response("The request has more than " + MAX_HEADERS + " headers or "
                    + MAX_HEADER_BYTES + " bytes of them.");
        }
        Map<String, List<String>> params;
        try {
            params = parameters(rawQuery);
        } catch (IllegalArgumentException e) {
            return LookupError.VALIDATION.response(e.getMessage());
        }
        if (!headers.containsKey("authorization") && !params.containsKey("X-Amz-Signature")) {
            return LookupError.MISSING_AUTHENTICATION_TOKEN.response("Missing Authentication Token");
        }

        PolicyServiceAuthorizer.Verdict verdict;
        try {
            verdict = authorizer.authorize(new PolicyServiceAuthorizer.ForwardedRequest(http.method().name(), http.path(),
                    rawQuery, headers, http.remoteAddress() == null ? null : http.remoteAddress().hostAddress()),
                    SIGNING_NAME, region, ACTION, "*");
        } catch (PolicyServiceAuthorizer.Unavailable e) {
            LOG.warnf("Audit query refused: %s", e.getMessage());
            return LookupError.SERVICE_UNAVAILABLE.response("The service cannot authorize the request now; retry later.");
        }
        if (verdict.errorCode().isPresent()) {
            return LookupError.ofQueryCode(verdict.errorCode().get()).response(verdict.errorMessage());
        }
        String caller = verdict.principalArn().orElseThrow();
        if (!verdict.allowed()) {
            return LookupError.ACCESS_DENIED.response("User: " + caller + " is not authorized to perform: " + ACTION
                    + " because no identity-based policy allows the " + ACTION + " action");
        }

        String account = verdict.account().orElseThrow();
        Optional<String> requestId;
        Optional<String> eventName;
        int limit;
        try {
            requestId = single(params, "requestId", REQUEST_ID);
            eventName = single(params, "eventName", EVENT_NAME);
            Optional<String> accountId = single(params, "accountId", ACCOUNT);
            if (accountId.isPresent() && !accountId.get().equals(account)) {
                return LookupError.ACCESS_DENIED.response("User: " + caller + " is not authorized to perform: " + ACTION
                        + " on the events of another account");
            }
            limit = single(params, "limit", LIMIT).map(Integer::parseInt).orElse(DEFAULT_LIMIT);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ".");
            }
        } catch (IllegalArgumentException e) {
            return LookupError.VALIDATION.response(e.getMessage());
        }
        List<String> found = archive.find(new EventQuery(account, requestId, eventName), limit);
        return Response.ok("[" + String.join(",", found) + "]", MediaType.APPLICATION_JSON).build();
    }

    /** The query's parameters, bounded; only this API's own and SigV4's presigning ones ({@code X-Amz-*}). */
    private static Map<String, List<String>> parameters(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        if (rawQuery.length() > MAX_QUERY_CHARS) {
            throw new IllegalArgumentException("The query string is longer than " + MAX_QUERY_CHARS + " characters.");
        }
        String[] pairs = rawQuery.split("&", -1);
        if (pairs.length > MAX_QUERY_PARAMETERS) {
            throw new IllegalArgumentException("The query has more than " + MAX_QUERY_PARAMETERS + " parameters.");
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!PARAMETERS.contains(name) && !name.startsWith("X-Amz-")) {
                throw new IllegalArgumentException("Unknown parameter; allowed are " + String.join(", ", PARAMETERS) + ".");
            }
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The query string is not well-formed.");
        }
    }

    private static Optional<String> single(Map<String, List<String>> params, String name, Pattern form) {
        List<String> values = params.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() != 1 || !form.matcher(values.get(0)).matches()) {
            throw new IllegalArgumentException("Parameter " + name + " is malformed or given more than once.");
        }
        return Optional.of(values.get(0));
    }
}

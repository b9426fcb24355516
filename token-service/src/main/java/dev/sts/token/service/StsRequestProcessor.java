package dev.sts.token.service;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.audit.AuditIdentity;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.port.AuditPublisher;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.QueryResponses;
import dev.sts.core.sigv4.SigV4Parser;
import dev.sts.core.sigv4.SignatureClaim;
import dev.sts.token.action.StsAction;
import dev.sts.token.config.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The STS request path, as a checklist: read the parameters, authenticate the signature, check the
 * version, find the action, run it, answer in XML, and audit the call whatever its outcome.
 * Expected refusals are {@link StsException}s; anything else is logged with the request id and
 * answered as InternalFailure, with no detail in the body.
 */
@ApplicationScoped
public class StsRequestProcessor {
    private static final Logger LOG = Logger.getLogger(StsRequestProcessor.class);
    static final String API_VERSION = "2011-06-15";
    private static final String EVENT_SOURCE = "sts.amazonaws.com";
    private static final int MAX_AUDITED_NAME = 64;

    private final RequestAuthenticator authenticator;
    private final AuditPublisher audit;
    private final Clock clock;
    private final String region;
    private final Map<String, StsAction> actions = new HashMap<>();

    StsRequestProcessor(RequestAuthenticator authenticator, AuditPublisher audit, Clock clock,
                        TokenServiceConfig config, Instance<StsAction> actions) {
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
        this.region = config.region();
        actions.forEach(action -> this.actions.put(action.name(), action));
    }

    public StsResponse process(InboundRequest request) {
        String requestId = UUID.randomUUID().toString();
        Instant receivedAt = clock.instant();
        Call call = new Call();
        try {
            call.params = parameters(request);
            call.actionName = call.params.optional("Action").orElse(null);
            SignatureClaim claim = SigV4Parser.parse(request.signed());
            call.accessKeyId = claim.accessKeyId();
            call.caller = authenticator.authenticate(request.signed(), claim);
            checkVersion(call.params);
            StsAction action = actions.get(call.actionName);
            if (action == null) {
                throw new StsException(StsErrorCode.INVALID_ACTION,
                        "Could not find operation " + printable(call.actionName) + " for version " + API_VERSION);
            }
            call.readOnly = action.readOnly();
            StsAction.Result result = action.handle(call.caller, call.params);
            String xml = QueryResponses.success(QueryResponses.STS_NAMESPACE, action.name(), requestId, result.body());
            publish(request, call, receivedAt, requestId, result.responseElements(), null, null);
            return new StsResponse(200, xml, requestId);
        } catch (StsException refusal) {
            return refuse(request, call, receivedAt, requestId, refusal.errorCode(), refusal.getMessage());
        } catch (RuntimeException unexpected) {
            LOG.errorf(unexpected, "Request %s failed unexpectedly", requestId);
            return refuse(request, call, receivedAt, requestId, StsErrorCode.INTERNAL_FAILURE,
                    "An internal error occurred. Request " + requestId + " has been logged.");
        }
    }

    private StsResponse refuse(InboundRequest request, Call call, Instant receivedAt, String requestId,
                               StsErrorCode code, String message) {
        publish(request, call, receivedAt, requestId, null, code, message);
        return new StsResponse(code.httpStatus(),
                QueryResponses.error(QueryResponses.STS_NAMESPACE, code, message, requestId), requestId);
    }

    private static QueryParameters parameters(InboundRequest request) {
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        if (!request.hasFormBody()) {
            return query;
        }
        return QueryParameters.parse(new String(request.body(), StandardCharsets.UTF_8)).withFallback(query);
    }

    private static void checkVersion(QueryParameters params) {
        String version = params.optional("Version").orElse(null);
        if (version == null) {
            throw new StsException(StsErrorCode.MISSING_PARAMETER, "The request must contain the parameter Version");
        }
        if (!API_VERSION.equals(version)) {
            throw new StsException(StsErrorCode.NO_SUCH_VERSION, "The requested version (" + printable(version)
                    + ") of service AWSSecurityTokenService does not exist");
        }
    }

    private void publish(InboundRequest request, Call call, Instant receivedAt, String requestId,
                         Map<String, Object> responseElements, StsErrorCode error, String errorMessage) {
        try {
            AuditIdentity identity = call.caller == null
                    ? AuditIdentity.unknown(call.accessKeyId)
                    : AuditIdentity.of(call.caller.identity(), call.caller.accessKeyId(),
                    call.caller.session().map(s -> s.issuedAt()).orElse(null),
                    call.caller.session().map(s -> s.mfaAuthenticated()).orElse(null));
            String eventName = call.actionName == null ? "Unknown" : printable(call.actionName);
            audit.publish(new AuditEvent(receivedAt, EVENT_SOURCE, eventName, region, request.sourceIp(),
                    request.userAgent(), identity, auditedParameters(call.params), responseElements, requestId,
                    UUID.randomUUID().toString(), error == null ? null : error.code(), errorMessage,
                    call.caller == null ? null : call.caller.identity().account(), call.readOnly));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Request %s could not be audited", requestId);
        }
    }

    /** CloudTrail's requestParameters: the action's own parameters in lower camel case, no protocol noise. */
    private static Map<String, Object> auditedParameters(QueryParameters params) {
        if (params == null) {
            return null;
        }
        Map<String, Object> audited = new LinkedHashMap<>();
        params.asMap().forEach((name, value) -> {
            if (!name.equals("Action") && !name.equals("Version") && !name.startsWith("X-Amz-")) {
                audited.put(QueryParameters.memberName(name), value);
            }
        });
        return audited.isEmpty() ? null : audited;
    }

    /** Request text echoed in messages and audit records: bounded and printable. */
    static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > MAX_AUDITED_NAME ? text.substring(0, MAX_AUDITED_NAME) : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** What is known about a call so far; filled in step by step so a refusal can still be audited fully. */
    private static final class Call {
        QueryParameters params;
        String actionName;
        String accessKeyId;
        AuthenticatedCaller caller;
        boolean readOnly = true;
    }
}

package dev.sts.core.api;

import dev.sts.core.audit.AuditEvent;
import dev.sts.core.audit.AuditIdentity;
import dev.sts.core.auth.AuthenticatedCaller;
import dev.sts.core.auth.CredentialTypeRules;
import dev.sts.core.auth.RequestAuthenticator;
import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import dev.sts.core.port.AuditPublisher;
import dev.sts.core.port.DependencyFailures;
import dev.sts.core.protocol.QueryParameters;
import dev.sts.core.protocol.QueryResponses;
import dev.sts.core.sigv4.SigV4Parser;
import dev.sts.core.sigv4.SignatureClaim;
import dev.sts.core.token.SessionClaims;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request path of a Query API (STS, IAM), as a checklist: read the parameters, authenticate the
 * signature, check the version, find the action, check that the caller's kind of credential may call it at all
 * ({@link CredentialTypeRules}), authorize it, run it, answer in XML, and audit the call whatever its outcome. An
 * {@link QueryAction#unsigned() unsigned} action skips the signature and the caller's checks: it authenticates the
 * caller itself, from the token or assertion in its parameters. Expected refusals are {@link StsException}s; a
 * dependency that is down or overloaded is ServiceUnavailable, which clients retry; anything else is logged with
 * the request id and answered as InternalFailure, with no detail in the body.
 */
public final class QueryRequestPipeline {
    private static final Logger LOG = Logger.getLogger(QueryRequestPipeline.class.getName());
    private static final int MAX_ECHOED_TEXT = 64;

    private final QueryApi api;
    private final RequestAuthenticator authenticator;
    private final CredentialTypeRules credentialRules;
    private final ActionAuthorizer authorizer;
    private final AuditPublisher audit;
    private final DependencyFailures dependencies;
    private final Clock clock;
    private final Map<String, QueryAction> actions = new HashMap<>();

    /** A pipeline applying AWS's {@link CredentialTypeRules#aws() credential-type rules}. */
    public QueryRequestPipeline(QueryApi api, RequestAuthenticator authenticator, ActionAuthorizer authorizer,
                                AuditPublisher audit, DependencyFailures dependencies, Clock clock,
                                Collection<? extends QueryAction> actions) {
        this(api, authenticator, CredentialTypeRules.aws(), authorizer, audit, dependencies, clock, actions);
    }

    /**
     * @param credentialRules what each kind of credential may call at all; checked before {@code authorizer}, with
     *                        {@link QueryApi#signingName()} as the service
     */
    public QueryRequestPipeline(QueryApi api, RequestAuthenticator authenticator, CredentialTypeRules credentialRules,
                                ActionAuthorizer authorizer, AuditPublisher audit, DependencyFailures dependencies,
                                Clock clock, Collection<? extends QueryAction> actions) {
        this.api = api;
        this.authenticator = authenticator;
        this.credentialRules = Objects.requireNonNull(credentialRules, "credentialRules");
        this.authorizer = authorizer;
        this.audit = audit;
        this.dependencies = dependencies;
        this.clock = clock;
        actions.forEach(action -> {
            if (this.actions.put(action.name(), action) != null) {
                throw new IllegalArgumentException("two actions named " + action.name());
            }
        });
    }

    public QueryResponse process(InboundRequest request) {
        String requestId = UUID.randomUUID().toString();
        Call call = new Call(clock.instant());
        try {
            call.params = parameters(request);
            call.actionName = call.params.optional("Action").orElse(null);
            QueryAction action = call.actionName == null ? null : actions.get(call.actionName);
            if (action != null && action.unsigned()) {
                return processUnsigned(request, call, requestId, action);
            }
            SignatureClaim claim = SigV4Parser.parse(request.signed());
            call.accessKeyId = claim.accessKeyId();
            call.caller = authenticator.authenticate(request.signed(), claim);
            checkVersion(call.params);
            if (action == null) {
                throw new StsException(StsErrorCode.INVALID_ACTION,
                        "Could not find operation " + printable(call.actionName) + " for version " + api.version());
            }
            call.readOnly = action.readOnly();
            credentialRules.require(api.signingName(), action.name(), call.caller);
            authorizer.authorize(request, call.caller, action, call.params);
            QueryAction.Result result = action.handle(request, call.caller, call.params);
            String xml = QueryResponses.success(api.namespace(), action.name(), requestId, result.body());
            publish(request, call, requestId, result.responseElements(), null, null);
            return new QueryResponse(200, xml, requestId);
        } catch (StsException refusal) {
            return refuse(request, call, requestId, refusal.errorCode(), refusal.getMessage());
        } catch (RuntimeException unexpected) {
            if (dependencies.isUnavailable(unexpected)) {
                LOG.log(Level.WARNING, "Request " + requestId + " met an unavailable dependency: " + unexpected);
                return refuse(request, call, requestId, StsErrorCode.SERVICE_UNAVAILABLE,
                        "The service is unavailable. Please try again later.");
            }
            LOG.log(Level.SEVERE, "Request " + requestId + " failed unexpectedly", unexpected);
            return refuse(request, call, requestId, StsErrorCode.INTERNAL_FAILURE,
                    "An internal error occurred. Request " + requestId + " has been logged.");
        }
    }

    /**
     * An action AWS serves without a signature (AssumeRoleWithWebIdentity, AssumeRoleWithSAML): the request carries
     * its own proof of identity, which the action checks. A signature, if the client sent one anyway, is neither
     * required nor verified — the call is the same with or without it, as on AWS, whose SDKs send these unsigned.
     * Then the same checklist: the version, the account the call is made against (an unparsable RoleArn is refused
     * here, before any work), throttling by that account, the action, the answer, the audit record.
     */
    private QueryResponse processUnsigned(InboundRequest request, Call call, String requestId, QueryAction action) {
        call.readOnly = action.readOnly();
        checkVersion(call.params);
        call.unsigned = new UnsignedCaller(action.unsignedAccount(call.params));
        authorizer.authorizeUnsigned(request, call.unsigned.account(), action, call.params);
        QueryAction.Result result = action.handleUnsigned(request, call.params, call.unsigned);
        String xml = QueryResponses.success(api.namespace(), action.name(), requestId, result.body());
        publish(request, call, requestId, result.responseElements(), null, null);
        return new QueryResponse(200, xml, requestId);
    }

    private QueryResponse refuse(InboundRequest request, Call call, String requestId, StsErrorCode code, String message) {
        publish(request, call, requestId, null, code, message);
        return new QueryResponse(code.httpStatus(), QueryResponses.error(api.namespace(), code, message, requestId),
                requestId);
    }

    private static QueryParameters parameters(InboundRequest request) {
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        if (!request.hasFormBody()) {
            return query;
        }
        return QueryParameters.parse(new String(request.body(), StandardCharsets.UTF_8)).withFallback(query);
    }

    private void checkVersion(QueryParameters params) {
        String version = params.optional("Version").orElse(null);
        if (version == null) {
            throw new StsException(StsErrorCode.MISSING_PARAMETER, "The request must contain the parameter Version");
        }
        if (!api.version().equals(version)) {
            throw new StsException(StsErrorCode.NO_SUCH_VERSION, "The requested version (" + printable(version)
                    + ") of service " + api.serviceName() + " does not exist");
        }
    }

    private void publish(InboundRequest request, Call call, String requestId, Map<String, Object> responseElements,
                         StsErrorCode error, String errorMessage) {
        try {
            AuditIdentity identity;
            String recipientAccount;
            if (call.unsigned != null) {
                identity = call.unsigned.auditIdentity();
                recipientAccount = call.unsigned.account();
            } else if (call.caller != null) {
                identity = AuditIdentity.of(call.caller.identity(), call.caller.accessKeyId(),
                        call.caller.session().map(SessionClaims::issuedAt).orElse(null),
                        call.caller.session().map(SessionClaims::mfaAuthenticated).orElse(null));
                recipientAccount = call.caller.identity().account();
            } else {
                identity = AuditIdentity.unknown(call.accessKeyId);
                recipientAccount = null;
            }
            String eventName = call.actionName == null ? "Unknown" : printable(call.actionName);
            audit.publish(new AuditEvent(call.receivedAt, api.eventSource(), eventName, api.region(), request.sourceIp(),
                    request.userAgent(), identity, auditedParameters(call.params), responseElements, requestId,
                    UUID.randomUUID().toString(), error == null ? null : error.code(), errorMessage,
                    recipientAccount, call.readOnly));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Request " + requestId + " could not be audited", e);
        }
    }

    /**
     * CloudTrail's requestParameters: the action's own parameters in lower camel case, no protocol noise (secrets
     * such as the web identity token are removed by {@link dev.sts.core.audit.AuditRedaction} for every event).
     */
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
        String cut = text.length() > MAX_ECHOED_TEXT ? text.substring(0, MAX_ECHOED_TEXT) : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** What is known about a call so far; filled in step by step so a refusal can still be audited fully. */
    private static final class Call {
        final Instant receivedAt;
        QueryParameters params;
        String actionName;
        String accessKeyId;
        AuthenticatedCaller caller;
        /** Set for an unsigned action once its account is known; then {@link #caller} stays null. */
        UnsignedCaller unsigned;
        boolean readOnly = true;

        Call(Instant receivedAt) {
            this.receivedAt = receivedAt;
        }
    }
}

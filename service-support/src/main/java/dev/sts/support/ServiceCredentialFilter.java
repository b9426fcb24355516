package dev.sts.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sts.core.audit.AuditEvent;
import dev.sts.core.audit.AuditIdentity;
import dev.sts.core.credential.ServiceCredentialGate;
import dev.sts.core.port.AuditPublisher;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A service's one check of service credentials, in front of every route of a router (the public one or the
 * management one): it asks the {@link ServiceCredentialGate}, lets unguarded and granted requests through, and
 * answers a refused one with {@code 401}/{@code 403} and a small JSON body, a WARN log line and an audit
 * event ({@code ServiceCredentialRefused}: path, scope, source address, the credential's name when known; never
 * the token).
 */
public final class ServiceCredentialFilter implements Handler<RoutingContext> {
    /** Runs before every route the application or Quarkus mounts on the router. */
    public static final int ORDER = Integer.MIN_VALUE + 100;
    /** The context key under which a granted request carries its credential's name. */
    public static final String CREDENTIAL_NAME = "sts.service-credential";
    private static final Logger LOG = Logger.getLogger(ServiceCredentialFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceCredentialGate gate;
    private final AuditPublisher audit;
    private final String eventSource;
    private final String region;
    private final Clock clock;

    public ServiceCredentialFilter(ServiceCredentialGate gate, AuditPublisher audit, String eventSource, String region,
                                   Clock clock) {
        this.gate = gate;
        this.audit = audit;
        this.eventSource = eventSource;
        this.region = region;
        this.clock = clock;
    }

    /** Puts the filter in front of every route of {@code router}. */
    public void mount(Router router) {
        router.route().order(ORDER).handler(this);
    }

    /**
     * On a public router: answers 404 for every path under {@code prefix} (e.g. {@code /admin}), before any
     * route, so that an admin endpoint mounted on the public router by mistake is never reachable there.
     */
    public static void hide(Router publicRouter, String prefix) {
        publicRouter.route().order(ORDER - 1).handler(context -> {
            if (ServiceCredentialGate.isUnder(prefix, context.request().path())) {
                answer(context, 404, Map.of("code", "NotFound", "message", "not served on this port"));
            } else {
                context.next();
            }
        });
    }

    @Override
    public void handle(RoutingContext context) {
        String path = context.request().path();
        if (!gate.guards(path)) {
            context.next();
            return;
        }
        // A verifier may read Redis (authorize clients): decide on a worker thread, with the body held back
        // (unless it has all arrived already, as with a small HTTP/2 request, which cannot be paused).
        if (!context.request().isEnded()) {
            context.request().pause();
        }
        context.vertx().<ServiceCredentialGate.Decision>executeBlocking(
                () -> gate.check(path, context.request()::getHeader), false).onComplete(result -> {
            if (result.failed()) {
                LOG.errorf("The service credential check failed (fail closed): %s", result.cause().toString());
                resume(context);
                answer(context, 503, Map.of("code", "ServiceUnavailable", "message", "the credential check failed"));
            } else if (result.result() instanceof ServiceCredentialGate.Granted granted) {
                context.put(CREDENTIAL_NAME, granted.credentialName());
                context.next();
            } else if (result.result() instanceof ServiceCredentialGate.Refused refused) {
                resume(context);
                refuse(context, refused);
            } else {
                context.next();
            }
        });
    }

    private static void resume(RoutingContext context) {
        if (!context.request().isEnded()) {
            context.request().resume();
        }
    }

    private void refuse(RoutingContext context, ServiceCredentialGate.Refused refused) {
        String path = bounded(context.request().path());
        String source = context.request().remoteAddress() == null ? null : context.request().remoteAddress().hostAddress();
        String name = refused.credentialName().orElse(null);
        LOG.warnf("Refused %s %s from %s: %s (%s scope, credential %s)", context.request().method(), path, source,
                refused.code(), refused.scope().label(), name == null ? "unknown" : name);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("path", path);
        parameters.put("method", context.request().method().name());
        parameters.put("scope", refused.scope().label());
        if (name != null) {
            parameters.put("credentialName", name);
        }
        String requestId = UUID.randomUUID().toString();
        try {
            audit.publish(new AuditEvent(clock.instant(), eventSource, "ServiceCredentialRefused", region, source,
                    context.request().getHeader("User-Agent"), AuditIdentity.unknown(null), parameters, null,
                    requestId, UUID.randomUUID().toString(), refused.code(), refused.message(), null, true));
        } catch (RuntimeException e) {
            LOG.errorf("Could not publish the audit event of refused request %s: %s", requestId, e.toString());
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", refused.code());
        body.put("message", refused.message());
        body.put("requestId", requestId);
        answer(context, refused.status(), body);
    }

    /** A small JSON answer. */
    public static void answer(RoutingContext context, int status, Map<String, ?> body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            text = "{}";
        }
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(text);
    }

    private static String bounded(String path) {
        return path == null ? "" : path.length() > 512 ? path.substring(0, 512) : path;
    }
}

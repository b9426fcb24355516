package dev.sts.support;

import dev.sts.core.api.QueryRequestPipeline;
import dev.sts.core.api.QueryResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * Serves a Query API at {@code /} ({@code POST} with a form body, or {@code GET ?Action=…}) straight on
 * Vert.x: the body is gathered on the event loop, the pipeline (which may wait on Redis or policy-service)
 * runs once on a worker thread, and the answer goes back. Under load this costs far fewer thread hand-offs
 * than a blocking JAX-RS method, whose worker thread waits for the event loop to deliver the body.
 */
public final class QueryRoute {
    private static final Logger LOG = Logger.getLogger(QueryRoute.class);
    private static final String XML = "text/xml";

    private final QueryRequestPipeline pipeline;
    private final int maxBodyBytes;

    private QueryRoute(QueryRequestPipeline pipeline, int maxBodyBytes) {
        this.pipeline = pipeline;
        this.maxBodyBytes = maxBodyBytes;
    }

    public static void mount(Router router, QueryRequestPipeline pipeline, int maxBodyBytes) {
        QueryRoute route = new QueryRoute(pipeline, maxBodyBytes);
        router.route(HttpMethod.POST, "/").handler(route::handle);
        router.route(HttpMethod.GET, "/").handler(route::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (declaresTooMuch(request.getHeader("Content-Length"))) {
            tooLarge(context);
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBodyBytes) {
                tooLarge(context);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(ended -> {
            if (!context.response().ended()) {
                process(context, body.getBytes());
            }
        });
        request.resume();
    }

    private boolean declaresTooMuch(String contentLength) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return true; // longer than a long: the HTTP codec passes only digits
        }
    }

    private void process(RoutingContext context, byte[] body) {
        HttpServerRequest request = context.request();
        context.vertx().executeBlocking(() -> pipeline.process(QueryHttp.inbound(request, body)), false)
                .onSuccess(answer -> respond(context.response(), answer))
                .onFailure(failure -> {
                    LOG.error("The Query pipeline failed outside its own error handling", failure);
                    context.response().setStatusCode(500).end();
                });
    }

    private static void respond(HttpServerResponse response, QueryResponse answer) {
        response.setStatusCode(answer.status())
                .putHeader("Content-Type", XML)
                .putHeader("x-amzn-RequestId", answer.requestId())
                .end(answer.xml());
    }

    private static void tooLarge(RoutingContext context) {
        if (!context.response().ended()) {
            context.response().setStatusCode(413).putHeader("Connection", "close").end("Request Entity Too Large");
        }
    }
}

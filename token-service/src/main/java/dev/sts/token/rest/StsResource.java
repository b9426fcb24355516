package dev.sts.token.rest;

import dev.sts.core.api.QueryRequestPipeline;
import dev.sts.support.QueryHttp;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The STS Query endpoint: {@code POST /} with a form body, or {@code GET /?Action=…}. */
@Path("/")
public class StsResource {
    private final QueryRequestPipeline pipeline;

    StsResource(QueryRequestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@Context HttpServerRequest http, byte[] body) {
        return QueryHttp.outbound(pipeline.process(QueryHttp.inbound(http, body)));
    }

    @GET
    public Response get(@Context HttpServerRequest http) {
        return QueryHttp.outbound(pipeline.process(QueryHttp.inbound(http, null)));
    }
}

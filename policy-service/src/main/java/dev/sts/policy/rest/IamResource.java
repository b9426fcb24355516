package dev.sts.policy.rest;

import dev.sts.core.api.QueryRequestPipeline;
import dev.sts.policy.config.IamEndpoint;
import dev.sts.support.QueryHttp;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The IAM Query endpoint, as the {@code aws iam} commands call it: {@code POST /} with a form body. */
@Path("/")
public class IamResource {
    private final QueryRequestPipeline pipeline;

    IamResource(@IamEndpoint QueryRequestPipeline pipeline) {
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

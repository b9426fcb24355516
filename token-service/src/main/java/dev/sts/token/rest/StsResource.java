package dev.sts.token.rest;

import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.token.service.InboundRequest;
import dev.sts.token.service.StsRequestProcessor;
import dev.sts.token.service.StsResponse;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The STS Query endpoint: {@code POST /} with a form body, or {@code GET /?Action=…}. */
@Path("/")
public class StsResource {
    private static final String XML = "text/xml";
    private final StsRequestProcessor processor;

    StsResource(StsRequestProcessor processor) {
        this.processor = processor;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response post(@Context HttpServerRequest http, byte[] body) {
        return answer(http, body == null ? new byte[0] : body);
    }

    @GET
    public Response get(@Context HttpServerRequest http) {
        return answer(http, new byte[0]);
    }

    private Response answer(HttpServerRequest http, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        http.headers().forEach(header -> headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue()));
        if (!headers.containsKey("Host") && http.host() != null) {
            // HTTP/2 carries the signed Host header as the :authority pseudo-header.
            headers.put("Host", List.of(http.host()));
        }
        String sourceIp = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        StsResponse response = processor.process(new InboundRequest(http.method().name(), http.path(), http.query(),
                HttpHeaders.of(headers), body, sourceIp));
        return Response.status(response.status())
                .type(XML)
                .header("x-amzn-RequestId", response.requestId())
                .entity(response.xml())
                .build();
    }
}

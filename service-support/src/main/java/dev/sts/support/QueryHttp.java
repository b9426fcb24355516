package dev.sts.support;

import dev.sts.core.api.InboundRequest;
import dev.sts.core.sigv4.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The request as Vert.x received it, as the core's Query pipeline reads it. */
public final class QueryHttp {
    private QueryHttp() {
    }

    public static InboundRequest inbound(HttpServerRequest http, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        http.headers().forEach(header -> headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue()));
        if (!headers.containsKey("Host") && http.host() != null) {
            // HTTP/2 carries the signed Host header as the :authority pseudo-header.
            headers.put("Host", List.of(http.host()));
        }
        String sourceIp = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return new InboundRequest(http.method().name(), http.path(), http.query(), HttpHeaders.of(headers),
                body == null ? new byte[0] : body, sourceIp);
    }
}

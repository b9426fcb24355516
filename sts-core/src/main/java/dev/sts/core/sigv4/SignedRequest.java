package dev.sts.core.sigv4;

import java.util.Objects;

/**
 * The parts of an HTTP request that a SigV4 signature covers, exactly as received.
 *
 * @param method   the HTTP method, e.g. {@code POST}
 * @param rawPath  the request path as sent on the wire, still percent-encoded; {@code null} or empty means {@code /}
 * @param rawQuery the query string without the leading {@code ?}, still percent-encoded; may be {@code null} or empty
 * @param headers  the request headers; over HTTP/2 the server must supply {@code :authority} as {@code host}
 * @param body     the request body; {@code null} means empty. The array is not copied: do not change it afterwards.
 */
public record SignedRequest(String method, String rawPath, String rawQuery, HttpHeaders headers, byte[] body) {
    private static final byte[] EMPTY = new byte[0];

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        rawPath = rawPath == null ? "" : rawPath;
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? EMPTY : body;
    }

    @Override
    public String toString() {
        return "SignedRequest[" + method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery)
                + ", " + body.length + " body bytes]";
    }
}

package dev.sts.core.api;

import dev.sts.core.sigv4.HttpHeaders;
import dev.sts.core.sigv4.SignedRequest;

/** An HTTP request as it arrived at a Query API endpoint, before anything is decided about it. */
public record InboundRequest(String method, String rawPath, String rawQuery, HttpHeaders headers, byte[] body,
                             String sourceIp) {
    public SignedRequest signed() {
        return new SignedRequest(method, rawPath, rawQuery, headers, body);
    }

    public String userAgent() {
        return headers.first("User-Agent").orElse(null);
    }

    /** Whether the body is a Query-protocol form (the charset parameter may follow). */
    public boolean hasFormBody() {
        return "POST".equals(method) && headers.first("Content-Type")
                .map(type -> type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33))
                .orElse(false);
    }
}

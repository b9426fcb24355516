package dev.sts.token.service;

/** What goes back on the wire: a status, an XML document and the request id it carries. */
public record StsResponse(int status, String xml, String requestId) {
}

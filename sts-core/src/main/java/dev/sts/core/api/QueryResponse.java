package dev.sts.core.api;

/** What goes back on the wire: a status, an XML document and the request id it carries. */
public record QueryResponse(int status, String xml, String requestId) {
}

package dev.sts.core.protocol;

/**
 * A tiny, allocation-light XML writer for Query-protocol responses. Elements are written in order;
 * text is escaped, so no value from a request can change the document's structure.
 */
public final class XmlWriter {
    private final StringBuilder out = new StringBuilder(512);

    public XmlWriter start(String element) {
        out.append('<').append(element).append('>');
        return this;
    }

    public XmlWriter start(String element, String namespace) {
        out.append('<').append(element).append(" xmlns=\"");
        escape(namespace);
        out.append("\">");
        return this;
    }

    public XmlWriter end(String element) {
        out.append("</").append(element).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing at all when text is null, as AWS omits absent members. */
    public XmlWriter element(String element, String text) {
        if (text == null) {
            return this;
        }
        start(element);
        escape(text);
        return end(element);
    }

    public XmlWriter element(String element, long number) {
        return start(element).raw(Long.toString(number)).end(element);
    }

    /** Escaped text inside the current element, for list members that are plain values. */
    public XmlWriter text(String text) {
        escape(text);
        return this;
    }

    private XmlWriter raw(String s) {
        out.append(s);
        return this;
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // Characters XML 1.0 cannot carry at all are replaced rather than emitted.
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

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

    /**
     * Escapes markup and replaces, with U+FFFD, every character XML 1.0 forbids (its {@code Char} production:
     * tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF): the other C0 controls, U+FFFE, U+FFFF and
     * surrogates that are not part of a pair. Whatever a stored value holds, the document stays parseable.
     */
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
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (isXmlChar(c)) {
                        out.append(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
    }

    /** Whether a single UTF-16 unit (not part of a surrogate pair) is a character XML 1.0 allows. */
    static boolean isXmlChar(char c) {
        if (c < 0x20) {
            return c == '\n' || c == '\r' || c == '\t';
        }
        return c < 0xD800 || c >= 0xE000 && c <= 0xFFFD;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}

package dev.sts.loadtest;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection over a plain blocking socket, one request at a time (no pipelining).
 *
 * <p>Why not {@code java.net.http.HttpClient}: on two cores the generator's CPU is taken from the server. A request
 * here is one {@code write} of bytes prepared in advance and usually one {@code read} of the whole response, parsed
 * in place without allocating per header; the JDK client adds a selector thread hand-off, futures and header maps
 * to every exchange. The parser reads exactly what STS sends: a status line, headers, and a body framed by
 * {@code Content-Length} or chunked; {@code Connection: close} makes the next request reconnect.
 */
final class HttpConnection implements Closeable {
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int MAX_HEAD_BYTES = 32 * 1024;
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final InetSocketAddress address;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;   // the first unread byte in buffer
    private int limit;      // one past the last byte read into buffer
    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;

    /** What the tool needs of a response: the status, and the AWS error code of an error. */
    record Response(int status, String errorCode) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    HttpConnection(InetSocketAddress address) {
        this.address = address;
    }

    /** Sends one request and reads its whole response; on an {@link IOException} the connection is closed. */
    Response exchange(byte[] request) throws IOException {
        try {
            if (socket == null) {
                open();
            }
            out.write(request);
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(address, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        position = 0;
        limit = 0;
    }

    /** Closes the socket; the next exchange reconnects. Safe to call from another thread to unblock a read. */
    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    Response readResponse() throws IOException {
        int headEnd = findHeadEnd();
        String head = new String(buffer, position, headEnd - position, StandardCharsets.ISO_8859_1);
        position = headEnd + 4;
        int status = statusOf(head);
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        int lineStart = head.indexOf("\r\n") + 2;
        while (lineStart > 1 && lineStart < head.length()) {
            int lineEnd = head.indexOf("\r\n", lineStart);
            if (lineEnd < 0) {
                lineEnd = head.length();
            }
            int colon = head.indexOf(':', lineStart);
            if (colon > 0 && colon < lineEnd) {
                String name = head.substring(lineStart, colon).trim();
                String value = head.substring(colon + 1, lineEnd).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase().contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    closeAfter = value.equalsIgnoreCase("close");
                }
            }
            lineStart = lineEnd + 2;
        }

        boolean keepBody = status / 100 != 2;
        StringBuilder body = keepBody ? new StringBuilder() : null;
        if (chunked) {
            readChunked(body);
        } else if (contentLength >= 0) {
            readBody(contentLength, body);
        } else {
            throw new IOException("response without Content-Length or chunked encoding (status " + status + ")");
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, keepBody ? errorCodeOf(status, body) : null);
    }

    /** The index of the {@code \r\n\r\n} that ends the head, reading until it is in the buffer. */
    private int findHeadEnd() throws IOException {
        int from = position;
        while (true) {
            for (int i = from; i + 3 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                    return i;
                }
            }
            if (limit - position > MAX_HEAD_BYTES) {
                throw new IOException("response head larger than " + MAX_HEAD_BYTES + " bytes");
            }
            from = Math.max(position, limit - 3);
            from -= fill();
        }
    }

    /** Reads more bytes, first moving the unread ones to the front if needed; returns how far they moved. */
    private int fill() throws IOException {
        int moved = 0;
        if (position > 0 && (limit == buffer.length || position == limit)) {
            moved = position;
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            throw new IOException("buffer full");
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            throw new EOFException("connection closed by the server");
        }
        limit += n;
        return moved;
    }

    private void readBody(long length, StringBuilder keep) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            if (position == limit) {
                fill();
            }
            int n = (int) Math.min(remaining, limit - position);
            if (keep != null && keep.length() < MAX_ERROR_BODY_BYTES) {
                keep.append(new String(buffer, position, n, StandardCharsets.UTF_8));
            }
            position += n;
            remaining -= n;
        }
    }

    private void readChunked(StringBuilder keep) throws IOException {
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers: none expected, skipped
                }
                return;
            }
            readBody(size, keep);
            if (!readLine().isEmpty()) {
                throw new IOException("malformed chunk");
            }
        }
    }

    private String readLine() throws IOException {
        while (true) {
            for (int i = position; i + 1 < limit; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    String line = new String(buffer, position, i - position, StandardCharsets.ISO_8859_1);
                    position = i + 2;
                    return line;
                }
            }
            if (limit - position > MAX_HEAD_BYTES) {
                throw new IOException("line longer than " + MAX_HEAD_BYTES + " bytes");
            }
            fill();
        }
    }

    private static int statusOf(String head) throws IOException {
        if (!head.startsWith("HTTP/1.") || head.length() < 12) {
            throw new IOException("not an HTTP/1.x response: " + head.substring(0, Math.min(40, head.length())));
        }
        try {
            return Integer.parseInt(head.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + head.substring(0, Math.min(40, head.length())));
        }
    }

    /** The {@code <Code>} of AWS's {@code ErrorResponse} XML, or {@code HTTP <status>} if there is none. */
    static String errorCodeOf(int status, CharSequence body) {
        String text = body.toString();
        int start = text.indexOf("<Code>");
        int end = start < 0 ? -1 : text.indexOf("</Code>", start);
        if (start >= 0 && end > start) {
            return text.substring(start + 6, end).trim();
        }
        return "HTTP " + status;
    }

    /** For tests: a connection reading from a stream instead of a socket. */
    static HttpConnection reading(InputStream stream) {
        HttpConnection connection = new HttpConnection(null);
        connection.in = stream;
        return connection;
    }
}

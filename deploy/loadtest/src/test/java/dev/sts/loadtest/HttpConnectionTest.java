package dev.sts.loadtest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpConnectionTest {

    @Test
    void readsConsecutiveResponsesOnOneConnection() throws IOException {
        String ok = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 5\r\n\r\nhello";
        String error = "HTTP/1.1 403 Forbidden\r\ncontent-length: 92\r\nx-amzn-RequestId: r\r\n\r\n"
                + "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code></Error></ErrorResponse>  ";
        String chunked = "HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "a\r\n<Code>Thro\r\n10;x=1\r\nttlingException<\r\n7\r\n/Code>\n\r\n0\r\n\r\n";
        HttpConnection connection = HttpConnection.reading(trickle(ok + error + chunked + ok));

        assertThat(connection.readResponse()).isEqualTo(new HttpConnection.Response(200, null));
        assertThat(connection.readResponse()).isEqualTo(new HttpConnection.Response(403, "AccessDenied"));
        assertThat(connection.readResponse()).isEqualTo(new HttpConnection.Response(400, "ThrottlingException"));
        assertThat(connection.readResponse().ok()).isTrue();
        assertThatThrownBy(connection::readResponse).isInstanceOf(EOFException.class);
    }

    @Test
    void anErrorWithoutAnAwsCodeIsNamedByItsStatus() throws IOException {
        String response = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 3\r\n\r\nbad";
        assertThat(HttpConnection.reading(trickle(response)).readResponse().errorCode()).isEqualTo("HTTP 502");
    }

    /** Hands out at most 7 bytes per read, so every boundary falls between reads somewhere. */
    private static InputStream trickle(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }
}

package dev.sts.deploy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks a Kafka broker whether it serves requests, with one ApiVersions (v0) request on a plain socket.
 *
 * <p>A KRaft broker enables request processing on its client listener only after the controller has
 * unfenced it, so a well-formed ApiVersions answer means producers and consumers can use it. The TCP port
 * alone is not enough: it accepts connections before the broker processes them.
 */
public final class KafkaReadinessProbe {

    private static final short API_VERSIONS_KEY = 18;
    private static final short API_VERSIONS_V0 = 0;
    private static final byte[] CLIENT_ID = "sts-launcher-probe".getBytes(StandardCharsets.US_ASCII);

    private KafkaReadinessProbe() {
    }

    /** Whether the broker on 127.0.0.1:{@code port} answers ApiVersions without an error within {@code timeout}. */
    public static boolean answers(int port, Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), millis);
            socket.setSoTimeout(millis);
            int correlationId = (int) (System.nanoTime() & 0x7fffffff);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            // Request header v1: api_key, api_version, correlation_id, client_id (nullable string); empty v0 body.
            out.writeInt(2 + 2 + 4 + 2 + CLIENT_ID.length);
            out.writeShort(API_VERSIONS_KEY);
            out.writeShort(API_VERSIONS_V0);
            out.writeInt(correlationId);
            out.writeShort(CLIENT_ID.length);
            out.write(CLIENT_ID);
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            if (size < 6 || size > 1_000_000) {
                return false;
            }
            byte[] response = in.readNBytes(size);
            if (response.length < size) {
                return false;
            }
            // Response header v0: correlation_id; then the v0 body starts with error_code.
            ByteBuffer body = ByteBuffer.wrap(response);
            return body.getInt() == correlationId && body.getShort() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}

package dev.sts.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port checks: is a port free, pick a free one, does something answer on one. */
public final class Ports {

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago (the kernel's choice of an ephemeral port). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", e);
        }
    }

    /** Whether nothing listens on, and nothing else holds, {@code port} on 127.0.0.1. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails with a message naming the component when {@code port} is taken.
     *
     * @throws IllegalStateException if the port is in use
     */
    public static void requireFree(String component, int port) {
        if (!isFree(port)) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1, wanted for " + component
                    + ", is already in use. Stop whatever listens there (see `ss -ltnp 'sport = :" + port + "'`)"
                    + ".");
        }
    }

    /** Whether a TCP connection to 127.0.0.1:{@code port} is accepted within {@code timeoutMillis}. */
    public static boolean accepts(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

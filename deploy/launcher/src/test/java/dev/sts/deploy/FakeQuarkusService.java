package dev.sts.deploy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for a built Quarkus service in {@link PlatformLifecycleTest}: answers 200 on
 * {@code /q/health/ready} at {@code QUARKUS_MANAGEMENT_HOST:QUARKUS_MANAGEMENT_PORT} (as Quarkus serves health on
 * its management interface) and prints the environment it was given.
 * Self-contained (JDK only, no nested classes), because the test packs this one class file into a jar.
 */
public final class FakeQuarkusService {

    private FakeQuarkusService() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> environment = new TreeMap<>(System.getenv());
        environment.forEach((key, value) -> {
            if (key.startsWith("STS_") || key.startsWith("QUARKUS_") || key.startsWith("KAFKA_")) {
                System.out.println("env " + key + "=" + value);
            }
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(System.getenv("QUARKUS_MANAGEMENT_HOST"),
                Integer.parseInt(System.getenv("QUARKUS_MANAGEMENT_PORT"))), 10);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake service listening");
    }
}

package io.microflask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liveness and readiness over a real socket: off unless configured, answered before hooks,
 * readiness reporting the registered checks, and the drain: readiness turns 503 while the port
 * still answers (each answer closing its connection), and then the port closes.
 */
class HealthAndDrainTest {
    private RunningServer server;

    public static class Locked {
        @BeforeRequest
        public Response everythingNeedsALogin() {
            return new Response(401).contentType(Response.TEXT_UTF8).body("log in first");
        }

        @Route("/")
        public String index() {
            return "index";
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String get(int port, String path) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .readUntilClosed();
        }
    }

    /** A keep-alive request: what the answer says about the connection is the point. */
    private static String getKeepAlive(int port, String path) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.readTimeout(Duration.ofSeconds(10));
            return http.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").readUntilClosed();
        }
    }

    @Test
    void thereAreNoProbesUnlessTheirPathsAreSet() throws IOException {
        server = new App().register(new Locked()).start("127.0.0.1", 0);
        assertTrue(get(server.port(), "/healthz").startsWith("HTTP/1.1 401 "));
    }

    @Test
    void probesAreAnsweredBeforeHooksAndReportTheChecks() throws IOException {
        AtomicBoolean storeUp = new AtomicBoolean(true);
        App app = new App().register(new Locked());
        app.settings().healthPath("/healthz").readinessPath("/readyz");
        app.readinessCheck("store", () -> {
            if (!storeUp.get()) {
                throw new IllegalStateException("secret-connection-string refused");
            }
        });
        app.readinessCheck("cache", () -> { });
        server = app.start("127.0.0.1", 0);

        String live = get(server.port(), "/healthz");
        assertTrue(live.startsWith("HTTP/1.1 200 "), live);
        assertTrue(live.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json") && live.endsWith("{\"status\":\"up\"}"), live);
        String ready = get(server.port(), "/readyz");
        assertTrue(ready.startsWith("HTTP/1.1 200 "), ready);
        assertTrue(ready.endsWith("{\"status\":\"ready\",\"checks\":{\"store\":\"up\",\"cache\":\"up\"}}"), ready);

        storeUp.set(false);
        String notReady = get(server.port(), "/readyz");
        assertTrue(notReady.startsWith("HTTP/1.1 503 "), notReady);
        assertTrue(notReady.endsWith("{\"status\":\"not ready\",\"checks\":{\"store\":\"down\",\"cache\":\"up\"}}"),
                notReady);
        assertFalse(notReady.contains("secret"), "why a check failed goes to the log, not to the client");
        assertTrue(get(server.port(), "/healthz").startsWith("HTTP/1.1 200 "), "liveness does not run the checks");
        assertTrue(get(server.port(), "/").startsWith("HTTP/1.1 401 "), "other paths still go through the hooks");
    }

    @Test
    void checkNamesAreUnique() {
        App app = new App();
        app.readinessCheck("db", () -> { });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> app.readinessCheck("db", () -> { }));
        assertTrue(e.getMessage().contains("'db' exists already"), e.getMessage());
    }

    @Test
    void drainingTurnsReadinessTo503WhileThePortAnswersThenThePortCloses() throws Exception {
        App app = new App().register(new Locked());
        // Long enough that the checks below run inside it on a loaded machine; the close waits it out.
        app.settings().healthPath("/healthz").readinessPath("/readyz").drainPeriod(Duration.ofSeconds(4));
        server = app.start("127.0.0.1", 0);
        int port = server.port();
        assertTrue(get(port, "/readyz").startsWith("HTTP/1.1 200 "));
        RunningServer stopping = server;
        Thread closer = new Thread(stopping::close, "test-close");
        closer.start();
        try {
            String ready = null;
            for (int i = 0; i < 300; i++) {
                ready = get(port, "/readyz");
                if (ready.startsWith("HTTP/1.1 503 ")) {
                    break;
                }
                Thread.sleep(10);
            }
            assertTrue(ready.startsWith("HTTP/1.1 503 ") && ready.endsWith("{\"status\":\"draining\"}"), ready);
            // The port still answers, liveness still says up, and each answer closes its connection
            // (the read ends only because the server closes the keep-alive connection).
            String live = getKeepAlive(port, "/healthz");
            assertTrue(live.startsWith("HTTP/1.1 200 ") && live.contains("connection: close"), live);
            // Then the listener closes.
            boolean refused = false;
            for (int i = 0; i < 3000 && !refused; i++) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    Thread.sleep(10);
                } catch (ConnectException e) {
                    refused = true;
                }
            }
            assertTrue(refused, "the port closed after the drain");
        } finally {
            closer.join();
        }
    }
}

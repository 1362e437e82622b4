package io.microflask.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.microflask.App;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metrics by route pattern, never by raw path; a 404 storm of random paths and methods adds no
 * series; the Prometheus scrape; the server's gauges and the rejected-connections counter.
 */
class MetricsTest {

    public static class Notes {
        @Route("/notes/<int:id>")
        public String note(int id) {
            return "note " + id;
        }
    }

    private static App app() {
        return new App().register(new Notes());
    }

    private static MeterRegistry registry(App app) {
        MetricsExtension metrics = app.extension(MetricsExtension.class);
        assertNotNull(metrics, "found on the class path like every extension");
        return metrics.registry();
    }

    @Test
    void requestsAreTimedByRoutePatternMethodAndStatus() {
        App app = app();
        TestClient client = app.testClient();
        client.get("/notes/1");
        client.get("/notes/2");
        client.get("/notes/x");
        Timer ok = registry(app).find("http.server.requests")
                .tags("route", "/notes/<int:id>", "method", "GET", "status", "200").timer();
        assertNotNull(ok, registry(app).getMeters().toString());
        assertEquals(2, ok.count());
        Timer notFound = registry(app).find("http.server.requests")
                .tags("route", MetricsExtension.NO_ROUTE, "status", "404").timer();
        assertEquals(1, notFound.count());
        assertTrue(registry(app).find("http.server.requests").tag("route", "/notes/1").timers().isEmpty());
    }

    @Test
    void aStormOfRandomPathsAndMethodsAddsNoSeries() {
        App app = app();
        TestClient client = app.testClient();
        client.get("/nothing");
        client.request("FOO", "/nothing").send();
        int series = registry(app).getMeters().size();
        Random random = new Random(22);
        for (int i = 0; i < 500; i++) {
            String path = "/" + Long.toHexString(random.nextLong()) + "/" + random.nextInt(1000);
            String method = random.nextBoolean() ? "GET" : "X" + Integer.toHexString(random.nextInt());
            TestResponse answer = client.request(method, path).send();
            assertTrue(answer.status() == 404 || answer.status() == 405, path + " " + answer.status());
        }
        assertEquals(series, registry(app).getMeters().size(), registry(app).getMeters().toString());
        long answered = registry(app).find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
        assertEquals(502, answered);
    }

    @Test
    void prometheusScrapesTheServerWithItsGaugesAndRejectedConnections() throws Exception {
        App app = app();
        app.settings().maxConnectionsPerAddress(1);
        RunningServer server = app.start("127.0.0.1", 0);
        try (Socket held = new Socket("127.0.0.1", server.port())) {
            // An answer on the held connection first: then the server has counted it, whichever
            // event loop each connection landed on.
            held.getOutputStream().write("GET /notes/7 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(readOneAnswer(held.getInputStream()).startsWith("HTTP/1.1 200 "));
            // The only connection this address may have: a second one is refused.
            try (Socket refused = new Socket("127.0.0.1", server.port())) {
                refused.getOutputStream().write("GET /notes/1 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = read(refused.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 503 "), answer);
            }
            held.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String scrape = new String(held.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (String line : new String[] {
                    "http_server_requests_seconds_count{method=\"GET\",route=\"/notes/<int:id>\",status=\"200\"} 1",
                    "microflask_connections_rejected_total 1.0", "http_server_connections_open ",
                    "http_server_requests_active ", "microflask_handler_queue_depth "}) {
                assertTrue(scrape.contains(line), line + " in\n" + scrape);
            }
            assertTrue(scrape.contains("content-type: text/plain; version=0.0.4")
                    || scrape.contains("Content-Type: text/plain; version=0.0.4"), scrape);
        } finally {
            server.close();
        }
    }

    /** One answer with a Content-Length from a connection kept open: its head and body. */
    private static String readOneAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed mid-answer: " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (!length.find()) {
            throw new IOException("no Content-Length in " + head);
        }
        return head + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    /** One answer from a connection the server closes after it. */
    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theScrapePathCanBeMovedOrTurnedOff() {
        App app = app();
        app.extension(MetricsExtension.class).scrapePath("/internal/metrics");
        TestClient client = app.testClient();
        assertEquals(404, client.get("/metrics").status());
        assertEquals(200, client.get("/internal/metrics").status());
        app.extension(MetricsExtension.class).scrapePath(null);
        assertEquals(404, client.get("/internal/metrics").status());
    }
}

package io.microflask.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.microflask.AccessLogFormat;
import io.microflask.App;
import io.microflask.Request;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access log over a real socket: one line per request in each format, with the request id
 * that the answer echoes, the route pattern, the size and the duration; a trusted proxy's id is
 * kept, anyone else's replaced; handlers see the id, and so does the MDC while they run.
 */
class AccessLogTest {
    private static final HttpClient client = HttpClient.newHttpClient();
    private RunningServer server;

    public static class Notes {
        static final AtomicReference<String> seen = new AtomicReference<>();

        @Route("/notes/<int:id>")
        public String note(int id, Request request) {
            seen.set(request.requestId() + "|" + MDC.get("requestId"));
            return "note " + id;
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(AccessLogFormat format, String... trustedProxies) {
        App app = new App().register(new Notes());
        app.settings().accessLog(format).trustedProxies(trustedProxies);
        server = app.start("127.0.0.1", 0);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The access lines logged once {@code expected} have arrived (the line follows the answer's write). */
    private static List<String> lines(LogCapture log, int expected) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            List<String> lines = log.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
            if (lines.size() >= expected) {
                return lines;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("expected " + expected + " access line(s), got " + log.messages());
    }

    @Test
    void commonFormatHasTheEchoedIdTheRouteTheSizeAndTheDuration() throws Exception {
        start(AccessLogFormat.COMMON);
        try (LogCapture log = LogCapture.of("io.microflask.access")) {
            HttpResponse<String> answer = get("/notes/7?x=1");
            assertEquals(200, answer.statusCode());
            String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
            assertTrue(id.matches("[0-9a-f]{32}"), id);
            String line = lines(log, 1).get(0);
            Matcher m = Pattern.compile("127\\.0\\.0\\.1 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
                    + "\"GET /notes/7\\?x=1 HTTP/1\\.1\" 200 6 id=([0-9a-f]{32}) route=/notes/<int:id> \\d+ms").matcher(line);
            assertTrue(m.matches(), line);
            assertEquals(id, m.group(1));
            assertEquals(id + "|" + id, Notes.seen.get(), "request.requestId() and the MDC while the handler runs");
        }
    }

    @Test
    void aPathWithNoRouteIsLoggedWithoutAPattern() throws Exception {
        start(AccessLogFormat.COMMON);
        try (LogCapture log = LogCapture.of("io.microflask.access")) {
            assertEquals(404, get("/nothing/here").statusCode());
            String line = lines(log, 1).get(0);
            assertTrue(line.matches(".*\"GET /nothing/here HTTP/1\\.1\" 404 \\d+ id=[0-9a-f]{32} route=- \\d+ms"), line);
        }
    }

    @Test
    void combinedFormatQuotesRefererAndAgentSafely() throws Exception {
        start(AccessLogFormat.COMBINED);
        try (LogCapture log = LogCapture.of("io.microflask.access")) {
            get("/notes/1", "Referer", "http://example.com/a\"b", "User-Agent", "tester\\1");
            String line = lines(log, 1).get(0);
            assertTrue(line.contains(" 200 6 \"http://example.com/a\\\"b\" \"tester\\\\1\" id="), line);
        }
    }

    @Test
    void jsonFormatIsOneObjectPerLine() throws Exception {
        start(AccessLogFormat.JSON);
        try (LogCapture log = LogCapture.of("io.microflask.access")) {
            HttpResponse<String> answer = get("/notes/3", "User-Agent", "json-test");
            String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
            String line = lines(log, 1).get(0);
            assertTrue(line.startsWith("{\"time\":\"") && line.endsWith("}"), line);
            for (String field : List.of("\"remote\":\"127.0.0.1\"", "\"method\":\"GET\"", "\"uri\":\"/notes/3\"",
                    "\"protocol\":\"HTTP/1.1\"", "\"status\":200", "\"bytes\":6", "\"requestId\":\"" + id + "\"",
                    "\"route\":\"/notes/\\u003cint:id>\"", "\"referer\":null", "\"userAgent\":\"json-test\"")) {
                assertTrue(line.contains(field), field + " in " + line);
            }
            assertTrue(line.matches(".*\"durationMs\":\\d+,.*"), line);
        }
    }

    @Test
    void aTrustedProxysRequestIdIsKeptAndEchoed() throws Exception {
        start(AccessLogFormat.COMMON, "127.0.0.1");
        try (LogCapture log = LogCapture.of("io.microflask.access")) {
            HttpResponse<String> answer = get("/notes/2", "X-Request-Id", "edge-4711.a/b=");
            assertEquals("edge-4711.a/b=", answer.headers().firstValue("X-Request-Id").orElseThrow());
            assertEquals("edge-4711.a/b=|edge-4711.a/b=", Notes.seen.get());
            assertTrue(lines(log, 1).get(0).contains(" id=edge-4711.a/b= "), log.text());
            // Not a plausible id (a space, a quote): replaced, never logged or echoed.
            String replaced = get("/notes/2", "X-Request-Id", "x\" y").headers().firstValue("X-Request-Id").orElseThrow();
            assertTrue(replaced.matches("[0-9a-f]{32}"), replaced);
        }
    }

    @Test
    void anyoneElsesRequestIdIsReplaced() throws Exception {
        start(AccessLogFormat.COMMON);
        HttpResponse<String> answer = get("/notes/2", "X-Request-Id", "chosen-by-the-client");
        String id = answer.headers().firstValue("X-Request-Id").orElseThrow();
        assertNotEquals("chosen-by-the-client", id);
        assertTrue(id.matches("[0-9a-f]{32}"), id);
    }

    @Test
    void offMeansNoLineInProduction() throws Exception {
        start(AccessLogFormat.OFF);
        try (LogCapture log = LogCapture.of("io.microflask.access")) {
            HttpResponse<String> answer = get("/notes/5");
            assertTrue(answer.headers().firstValue("X-Request-Id").isPresent());
            // The line would be logged before the next answer is made on the same connection.
            get("/notes/6");
            assertEquals(List.of(), log.messages());
        }
    }
}

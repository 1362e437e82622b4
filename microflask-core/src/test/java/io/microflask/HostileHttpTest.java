package io.microflask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests a hostile client sends to smuggle a second request past a proxy, to tie up
 * connections, or to make the server guess: each is answered (400, 408, 413 or 503) and its
 * connection closed, and the server goes on answering normal requests.
 */
class HostileHttpTest {
    private RunningServer server;

    public static class Handlers {
        @Route("/ok")
        public String ok() {
            return "ok";
        }

        @Route(value = "/upload", methods = "POST")
        public String upload(Request request) {
            return "got " + request.bodyLength() + " bytes";
        }
    }

    private int start(App app) {
        server = app.register(new Handlers()).start("127.0.0.1", 0);
        return server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> ambiguousRequests() {
        String post = "POST /upload HTTP/1.1\r\nHost: x\r\n";
        return Stream.of(
                Arguments.of("Content-Length and Transfer-Encoding",
                        post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /ok HTTP/1.1\r\n\r\n"),
                Arguments.of("Transfer-Encoding and Content-Length",
                        post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"),
                Arguments.of("Transfer-Encoding and Content-Length in HTTP/1.0",
                        "POST /upload HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"),
                Arguments.of("Transfer-Encoding other than chunked",
                        post + "Transfer-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello"),
                Arguments.of("chunked twice", post + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("Transfer-Encoding in two headers",
                        post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n"),
                Arguments.of("differing duplicate Content-Length",
                        post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
                Arguments.of("differing Content-Lengths in one header", post + "Content-Length: 5, 6\r\n\r\nhello!"),
                Arguments.of("negative Content-Length", post + "Content-Length: -1\r\n\r\n"),
                Arguments.of("non-numeric Content-Length", post + "Content-Length: abc\r\n\r\n"),
                Arguments.of("hexadecimal Content-Length", post + "Content-Length: 0x5\r\n\r\nhello"),
                Arguments.of("Content-Length with a sign", post + "Content-Length: +5\r\n\r\nhello"),
                Arguments.of("Content-Length beyond 64 bits",
                        post + "Content-Length: 99999999999999999999999\r\n\r\n"),
                Arguments.of("invalid chunk size", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("negative chunk size", post + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size overflow",
                        post + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("empty chunk size", post + "Transfer-Encoding: chunked\r\n\r\n\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk data not followed by CRLF",
                        post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n0\r\n\r\n"),
                Arguments.of("chunk lines ending in LF alone",
                        post + "Transfer-Encoding: chunked\r\n\r\n5\nhello\n0\n\n"),
                Arguments.of("a control character in a chunk extension",
                        post + "Transfer-Encoding: chunked\r\n\r\n5;a=\u0001\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("obsolete line folding", "GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n"),
                Arguments.of("obsolete line folding with a tab",
                        "GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tContent-Length: 5\r\n\r\n"),
                Arguments.of("whitespace before the first header", "GET /ok HTTP/1.1\r\n Host: x\r\n\r\n"),
                Arguments.of("missing Host in HTTP/1.1", "GET /ok HTTP/1.1\r\nAccept: */*\r\n\r\n"),
                Arguments.of("two Host headers", "GET /ok HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                Arguments.of("NUL in a header value", "GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n"),
                Arguments.of("NUL in a header name", "GET /ok HTTP/1.1\r\nHost: x\r\nX-\0A: a\r\n\r\n"),
                Arguments.of("bare CR in a header value", "GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n"),
                Arguments.of("bare CR ending a header", "GET /ok HTTP/1.1\r\nHost: x\rX-A: a\r\n\r\n"),
                Arguments.of("bare LF ending a header", "GET /ok HTTP/1.1\r\nHost: x\nX-A: a\r\n\r\n"),
                Arguments.of("a control character in a header", "GET /ok HTTP/1.1\r\nHost: x\r\nX-A: a\u0001\r\n\r\n"),
                Arguments.of("space before the colon", "GET /ok HTTP/1.1\r\nHost : x\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousRequests")
    void ambiguousOrInvalidRequestsAre400AndCloseTheConnection(String name, String request) throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            http.send(request);
            String text = http.readUntilClosed();
            assertEquals(List.of(400), RawHttp.statuses(text), name + " was answered:\n" + text);
        }
        assertStillAnswers(port);
    }

    @Test
    void aSmuggledRequestInTheBodyIsNeverAnswered() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            // A front end that honours Content-Length sees one request; one that honours chunked sees two.
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 35\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            String text = http.readUntilClosed();
            assertEquals(List.of(400), RawHttp.statuses(text), text);
            assertFalse(text.contains("\r\n\r\nok"), text);
        }
    }

    @Test
    void headersSentTooSlowlyAre408() throws Exception {
        App app = new App();
        app.settings().requestHeadTimeout(Duration.ofMillis(300));
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /ok HTTP/1.1\r\nHost: x\r\n");
            String text = http.readUntilClosed();
            assertEquals(List.of(408), RawHttp.statuses(text), text);
        }
        assertStillAnswers(port);
    }

    @Test
    void aRequestLineSentByteByByteIsCutOff() throws Exception {
        App app = new App();
        app.settings().requestHeadTimeout(Duration.ofMillis(300));
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            // Every byte resets an idle timer; the head timeout counts from the first byte.
            for (char c : "GET /ok HTTP/1.1\r\nX-Slow: ".toCharArray()) {
                if (http.answeredOrClosedWithin(Duration.ofMillis(40))) {
                    break;
                }
                http.send(String.valueOf(c));
            }
            String text = http.readUntilClosed();
            assertEquals(List.of(408), RawHttp.statuses(text), text);
        }
        assertStillAnswers(port);
    }

    @Test
    void blankLinesAloneAreClosedWithoutAnAnswer() throws Exception {
        App app = new App();
        app.settings().requestHeadTimeout(Duration.ofMillis(200));
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("\r\n\r\n");
            assertEquals("", http.readUntilClosed(), "a 408 would be taken as the answer to the next request");
        }
        assertStillAnswers(port);
    }

    @Test
    void aRequestThatArrivesInPiecesInTimeIsServed() throws Exception {
        App app = new App();
        app.settings().requestHeadTimeout(Duration.ofSeconds(30));
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /ok HTTP/1.1\r\n");
            http.send("Host: x\r\n");
            http.send("\r\n");
            assertEquals(List.of(200), RawHttp.statuses(http.readResponses(1)));
        }
    }

    @Test
    void aBodySlowerThanTheMinimumRateIs408() throws Exception {
        App app = new App();
        app.settings().minBodyRate(1000).bodyRateGracePeriod(Duration.ofMillis(200));
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(10));
            String text = http.readUntilClosed();
            assertEquals(List.of(408), RawHttp.statuses(text), text);
        }
        assertStillAnswers(port);
    }

    @Test
    void aChunkedBodySlowerThanTheMinimumRateIs408() throws Exception {
        App app = new App();
        app.settings().minBodyRate(1000).bodyRateGracePeriod(Duration.ofMillis(200));
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            String text = http.readUntilClosed();
            assertEquals(List.of(408), RawHttp.statuses(text), text);
        }
        assertStillAnswers(port);
    }

    @Test
    void expectContinueIsHonoured() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            assertTrue(http.readUntilContains("HTTP/1.1 100 Continue\r\n\r\n"), http.text());
            http.send("hello");
            String text = http.readResponses(2);
            assertEquals(List.of(100, 200), RawHttp.statuses(text), text);
            assertTrue(text.contains("got 5 bytes"), text);
        }
    }

    @Test
    void expectContinueWithABodyOverTheLimitIs413BeforeTheBodyIsSent() throws Exception {
        App app = new App();
        app.settings().maxBodySize(100);
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n");
            // No body is sent: the answer must come without it.
            String text = http.readUntilClosed();
            assertEquals(List.of(413), RawHttp.statuses(text), text);
            assertFalse(text.contains("100 Continue"), text);
            assertTrue(text.contains("larger than the server accepts"), "the app's own 413 page: " + text);
        }
        assertStillAnswers(port);
    }

    @Test
    void connectionsOverTheCapGet503AndAreClosed() throws Exception {
        App app = new App();
        app.settings().maxConnections(2);
        int port = start(app);
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                RawHttp http = new RawHttp(port);
                held.add(http);
                http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(List.of(200), RawHttp.statuses(http.readResponses(1)));
            }
            try (RawHttp extra = new RawHttp(port)) {
                extra.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
                String text = extra.readUntilClosed();
                assertEquals(List.of(503), RawHttp.statuses(text), text);
                assertTrue(text.contains("Retry-After: 1"), text);
            }
        } finally {
            for (RawHttp http : held) {
                http.close();
            }
        }
        // The held connections are gone, so there is room again (the server may need a moment to see the close).
        assertStillAnswersEventually(port);
    }

    @Test
    void aShutdownWaitsForAnUploadUnderWayAndAnswersIt() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            // The 100 shows the server has read the head, so the request is under way when the shutdown starts.
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n");
            assertTrue(http.readUntilContains("100 Continue\r\n\r\n"), http.text());
            http.send("hello");
            Thread closing = new Thread(server::close);
            closing.start();
            // The server stops accepting but keeps this connection, whose request is not whole yet.
            assertFalse(http.answeredOrClosedWithin(Duration.ofMillis(200)), http.text());
            http.send("world");
            String text = http.readUntilClosed();
            assertEquals(List.of(100, 200), RawHttp.statuses(text), text);
            assertTrue(text.contains("got 10 bytes") && text.contains("connection: close"), text);
            closing.join(5000);
            assertFalse(closing.isAlive(), "close() returns once the request is answered");
        }
    }

    @Test
    void limitSettingsAreValidatedWithTheSettingNamed() {
        Settings settings = new App().settings();
        assertEquals(Duration.ofSeconds(30), settings.requestHeadTimeout());
        assertEquals(240, settings.minBodyRate());
        assertEquals(Duration.ofSeconds(5), settings.bodyRateGracePeriod());
        assertEquals(10_000, settings.maxConnections());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> settings.requestHeadTimeout(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("requestHeadTimeout"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> settings.minBodyRate(-5));
        assertTrue(e.getMessage().contains("minBodyRate"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> settings.maxConnections(0));
        assertTrue(e.getMessage().contains("maxConnections"), e.getMessage());
        // Zero turns the time limits off.
        settings.requestHeadTimeout(Duration.ZERO).minBodyRate(0);
    }

    @Test
    void withTheLimitsOffASlowClientIsStillServed() throws Exception {
        App app = new App();
        app.settings().requestHeadTimeout(Duration.ZERO).minBodyRate(0);
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\n");
            assertFalse(http.answeredOrClosedWithin(Duration.ofMillis(300)));
            http.send("Content-Length: 5\r\n\r\nhel");
            assertFalse(http.answeredOrClosedWithin(Duration.ofMillis(300)));
            http.send("lo");
            assertTrue(http.readResponses(1).contains("got 5 bytes"), http.text());
        }
    }

    private static void assertStillAnswers(int port) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            String text = http.readResponses(1);
            assertEquals(List.of(200), RawHttp.statuses(text), "the server still answers: " + text);
        }
    }

    private static void assertStillAnswersEventually(int port) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (RawHttp http = new RawHttp(port)) {
                http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
                List<Integer> statuses = RawHttp.statuses(http.readResponses(1));
                if (statuses.equals(List.of(200))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        assertStillAnswers(port);
    }
}

package io.microflask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's HTTP/1.1 behaviour, byte for byte: keep-alive, pipelining, chunked bodies, limits, malformed input. */
class ServerBehaviourTest {
    private RunningServer server;

    public static class Handlers {
        @Route("/echo/<int:n>")
        public String echo(int n) throws InterruptedException {
            // Earlier requests take longer, so answers would come out of order if they were not sequenced.
            Thread.sleep(Math.max(0, 30 - n * 10));
            return "n=" + n;
        }

        @Route(value = "/upload", methods = "POST")
        public String upload(Request request) {
            return "got " + request.bodyLength() + " bytes: " + (request.bodyLength() < 64 ? request.text() : "...");
        }

        @Route(value = "/framing", methods = {"GET", "POST"})
        public String framing(Request request) {
            return "length=" + request.header("Content-Length") + " te=" + request.header("Transfer-Encoding")
                    + " body=" + request.bodyLength();
        }

        @Route("/ok")
        public String ok() {
            return "ok";
        }

        @Route("/header")
        public String header(Request request) {
            return "name=" + request.header("X-Name");
        }

        @Route("/thread")
        public String thread() throws ReflectiveOperationException {
            Thread current = Thread.currentThread();
            boolean virtual = Runtime.version().feature() >= 21
                    && (Boolean) Thread.class.getMethod("isVirtual").invoke(current);
            return current.getName() + "|" + virtual;
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

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(http.readResponses(1).contains("\r\n\r\nok"));
            http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(List.of(200, 200), RawHttp.statuses(http.readResponses(2)));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                batch.append("GET /echo/").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            http.send(batch.toString());
            String text = http.readResponses(4);
            int a = text.indexOf("n=0");
            int b = text.indexOf("n=1");
            int c = text.indexOf("n=2");
            int d = text.indexOf("n=3");
            assertTrue(a >= 0 && a < b && b < c && c < d, text);
        }
    }

    @Test
    void chunkedRequestBodyIsAssembled() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            assertTrue(http.readResponses(1).contains("got 11 bytes: hello world"), http.text());
        }
    }

    @Test
    void handlersSeeTheBodysFramingAsReceived() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            // No body and no framing header: none is made up (Werkzeug's content_length is None too).
            http.send("GET /framing HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(http.readResponses(1).contains("length=null te=null body=0"), http.text());
        }
        try (RawHttp http = new RawHttp(port)) {
            // A chunked body is assembled: its length is now known, and the chunking is gone.
            http.send("POST /framing HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
            assertTrue(http.readResponses(1).contains("length=5 te=null body=5"), http.text());
        }
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /framing HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\n"
                    + "Content-Length: 0\r\n\r\n");
            assertTrue(http.readResponses(1).contains("length=0 te=null body=0"), http.text());
        }
    }

    @Test
    void bodyOverTheLimitIs413AndTheConnectionIsClosed() throws Exception {
        App app = new App();
        app.settings().maxBodySize(100);
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 101\r\n\r\n" + "x".repeat(101));
            String text = http.readUntilClosed();
            assertEquals(List.of(413), RawHttp.statuses(text), text);
        }
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100));
            assertTrue(http.readResponses(1).contains("got 100 bytes"), http.text());
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        App app = new App();
        app.settings().maxBodySize(10);
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
            assertEquals(List.of(413), RawHttp.statuses(http.readUntilClosed()));
        }
    }

    @Test
    void longRequestLineIs414() throws Exception {
        App app = new App();
        app.settings().maxInitialLineLength(1024);
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(List.of(414), RawHttp.statuses(http.readUntilClosed()));
        }
    }

    @Test
    void largeHeadersAre431() throws Exception {
        App app = new App();
        app.settings().maxHeaderSize(1024);
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2000) + "\r\n\r\n");
            assertEquals(List.of(431), RawHttp.statuses(http.readUntilClosed()));
        }
    }

    @Test
    void malformedRequestIs400AndClosesTheConnection() throws Exception {
        int port = start(new App());
        for (String bad : List.of(
                "GARBAGE\r\n\r\n",
                "GET /ok HTTP/1.1\r\nHost: x\r\nBad Header Name: v\r\n\r\n",
                "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                "GET /hello/%zz HTTP/1.1\r\nHost: x\r\n\r\n")) {
            try (RawHttp http = new RawHttp(port)) {
                http.send(bad);
                String text = http.readUntilClosed();
                assertEquals(List.of(400), RawHttp.statuses(text), bad + " gave " + text);
            }
        }
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(List.of(200), RawHttp.statuses(http.readResponses(1)), "the server still answers");
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTheTimeout() throws Exception {
        App app = new App();
        app.settings().idleTimeout(Duration.ofMillis(300));
        int port = start(app);
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            http.readResponses(1);
            assertTrue(http.closedByServer(), "an idle keep-alive connection is closed after the idle timeout");
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /ok HTTP/1.0\r\n\r\n");
            assertEquals(List.of(200), RawHttp.statuses(http.readUntilClosed()));
        }
    }

    @Test
    void handlersRunOnVirtualThreadsWhenTheJvmHasThemAndNeverOnTheEventLoop() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /thread HTTP/1.1\r\nHost: x\r\n\r\n");
            String text = http.readResponses(1);
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            assertTrue(body.startsWith("microflask-handler-"), body);
            assertEquals(Runtime.version().feature() >= 21, body.endsWith("|true"),
                    "virtual threads exactly when the JVM has them: " + body);
        }
    }

    @Test
    void utf8InAHeaderValueIsAcceptedAsObsText() throws Exception {
        int port = start(new App());
        try (RawHttp http = new RawHttp(port)) {
            http.send(("GET /header HTTP/1.1\r\nHost: x\r\nX-Name: caf\u00e9\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String text = http.readResponses(1);
            assertEquals(List.of(200), RawHttp.statuses(text), text);
        }
    }
}

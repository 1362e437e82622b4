package io.microflask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/2 hardening, over cleartext h2c with prior knowledge (the same frame codec serves HTTPS):
 * rapid reset, CONTINUATION floods, SETTINGS and PING floods, concurrent streams, header list
 * size, body limits, graceful shutdown. After each attack the server answers another client.
 */
class Http2Test {
    private static final int ENHANCE_YOUR_CALM = 0xb;
    private static final int REFUSED_STREAM = 0x7;
    private static volatile CountDownLatch release = new CountDownLatch(0);
    private static volatile CountDownLatch entered = new CountDownLatch(0);
    private RunningServer server;

    public static class Pages {
        @Route("/")
        public String index() {
            return "hello";
        }

        @CsrfExempt // a raw byte echo for the transport tests, which send no browser headers
        @Route(value = "/echo", methods = {"POST"})
        public Response echo(Request request) {
            return Response.text("got " + request.body().length);
        }

        @Route("/slow")
        public String slow() throws InterruptedException {
            entered.countDown();
            if (!release.await(20, TimeUnit.SECONDS)) {
                return "never released";
            }
            return "slow done";
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private App app() {
        App app = new App().register(new Pages());
        app.settings().h2cPriorKnowledge(true);
        return app;
    }

    private void assertAnswersAnotherClient() throws Exception {
        try (RawHttp2 other = new RawHttp2(server.port())) {
            other.get(1, "/");
            assertEquals("200 hello", other.answer(1));
        }
    }

    @Test
    void priorKnowledgeServesHttp2AndTheSamePortStillServesHttp11() throws Exception {
        server = app().start("127.0.0.1", 0);
        try (RawHttp2 client = new RawHttp2(server.port())) {
            client.get(1, "/");
            assertEquals("200 hello", client.answer(1));
            client.get(3, "/nothing-here");
            assertEquals("404", client.answer(3).substring(0, 3));
        }
        HttpResponse<String> http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_1_1, http11.version());
        assertEquals("hello", http11.body());
    }

    @Test
    void rapidResetEndsTheConnection() throws Exception {
        server = app().start("127.0.0.1", 0);
        try (RawHttp2 attacker = new RawHttp2(server.port())) {
            // CVE-2023-44487: open a stream and cancel it at once, over and over.
            for (int stream = 1; stream < 2 * 1000; stream += 2) {
                attacker.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS | RawHttp2.END_STREAM, stream,
                        attacker.headerBlock(stream, "GET", "/"));
                attacker.frame(RawHttp2.RST_STREAM, 0, stream, new byte[]{0, 0, 0, 8}); // CANCEL
            }
            try {
                attacker.flush();
            } catch (java.io.IOException closedWhileSending) {
                // the server may already have closed the connection
            }
            assertEquals(ENHANCE_YOUR_CALM, attacker.readUntilClosed());
        }
        assertAnswersAnotherClient();
    }

    @Test
    void continuationFloodEndsTheConnection() throws Exception {
        server = app().start("127.0.0.1", 0);
        try (RawHttp2 attacker = new RawHttp2(server.port())) {
            // A header block that never ends: HEADERS without END_HEADERS, then endless tiny CONTINUATIONs.
            byte[] block = attacker.headerBlock(1, "GET", "/");
            attacker.frame(RawHttp2.HEADERS, 0, 1, block);
            byte[] tiny = new byte[]{0x40, 0x01, 'x', 0x01, 'y'}; // a literal header x: y, repeated
            try {
                for (int i = 0; i < 100_000; i++) {
                    attacker.frame(RawHttp2.CONTINUATION, 0, 1, tiny);
                }
                attacker.flush();
            } catch (java.io.IOException closedWhileSending) {
                // closed early: what the test expects
            }
            assertEquals(ENHANCE_YOUR_CALM, attacker.readUntilClosed()); // GOAWAY, then closed (staying open times out)
        }
        assertAnswersAnotherClient();
    }

    @Test
    void largeContinuationHeaderBlocksAreRefused() throws Exception {
        App app = app();
        app.settings().maxHeaderSize(8 * 1024);
        server = app.start("127.0.0.1", 0);
        try (RawHttp2 attacker = new RawHttp2(server.port())) {
            // Few frames, but together far over the header list size: refused, not buffered without end.
            String big = "v".repeat(4000);
            byte[] block = attacker.headerBlock(1, "GET", "/", "a", big, "b", big, "c", big, "d", big, "e", big,
                    "f", big, "g", big, "h", big);
            int chunk = 4000;
            attacker.frame(RawHttp2.HEADERS, 0, 1, java.util.Arrays.copyOfRange(block, 0, chunk));
            for (int offset = chunk; offset < block.length; offset += chunk) {
                int end = Math.min(block.length, offset + chunk);
                attacker.frame(RawHttp2.CONTINUATION, end == block.length ? RawHttp2.END_HEADERS : 0, 1,
                        java.util.Arrays.copyOfRange(block, offset, end));
            }
            attacker.flush();
            String answer = attacker.answer(1);
            assertTrue(answer.startsWith("431") || answer.startsWith("GOAWAY") || answer.equals("closed")
                    || answer.startsWith("RST"), answer);
        }
        assertAnswersAnotherClient();
    }

    @Test
    void headersOverTheLimitGet431() throws Exception {
        App app = app();
        app.settings().maxHeaderSize(8 * 1024);
        server = app.start("127.0.0.1", 0);
        try (RawHttp2 client = new RawHttp2(server.port())) {
            client.get(1, "/", "x-big", "v".repeat(9 * 1024));
            assertEquals("431", client.answer(1).substring(0, 3));
        }
        assertAnswersAnotherClient();
    }

    @Test
    void pingAndSettingsFloodsFromAClientThatDoesNotReadEndTheConnection() throws Exception {
        server = app().start("127.0.0.1", 0);
        for (int type : new int[]{RawHttp2.PING, RawHttp2.SETTINGS}) {
            try (RawHttp2 attacker = new RawHttp2(server.port(), 4096)) {
                byte[] payload = type == RawHttp2.PING ? new byte[8] : new byte[0];
                // Every one asks for an ACK; this client never reads them, so they pile up on the server.
                // Enough ACKs that they cannot all wait in the kernel's socket buffers (a few MiB).
                int frames = type == RawHttp2.PING ? 1_000_000 : 2_000_000;
                try {
                    for (int i = 0; i < frames; i++) {
                        attacker.frame(type, 0, 0, payload);
                    }
                    attacker.flush();
                } catch (java.io.IOException closedWhileSending) {
                    // closed early: what the test expects
                }
                attacker.readUntilClosed(); // returns once closed; a connection left open times out and fails
            }
            assertAnswersAnotherClient();
        }
    }

    @Test
    void streamsOverTheConcurrencyLimitAreRefused() throws Exception {
        App app = app();
        app.settings().maxConcurrentStreams(2);
        server = app.start("127.0.0.1", 0);
        release = new CountDownLatch(1);
        entered = new CountDownLatch(2);
        try (RawHttp2 client = new RawHttp2(server.port())) {
            // Ignore the server's SETTINGS limit, as an attacker would.
            client.get(1, "/slow");
            client.get(3, "/slow");
            client.get(5, "/slow");
            assertEquals("RST " + REFUSED_STREAM, client.answer(5));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            release.countDown();
            assertEquals("200 slow done", client.answer(1));
            assertEquals("200 slow done", client.answer(3));
        }
        assertAnswersAnotherClient();
    }

    @Test
    void aStreamWhoseBodyTricklesGets408AndTheConnectionGoesOn() throws Exception {
        App app = app();
        app.settings().minBodyRate(1000).bodyRateGracePeriod(java.time.Duration.ofMillis(200))
                .bodyRateWindow(java.time.Duration.ofMillis(200));
        server = app.start("127.0.0.1", 0);
        try (RawHttp2 client = new RawHttp2(server.port())) {
            // A body announced and never finished: ten bytes, then nothing.
            client.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS, 1, client.headerBlock(1, "POST", "/echo"));
            client.frame(RawHttp2.DATA, 0, 1, new byte[10]);
            client.flush();
            String answer = client.answer(1);
            assertTrue(answer.startsWith("408 "), answer);
            assertTrue(answer.contains("too slowly"), answer);
            client.get(3, "/");
            assertEquals("200", client.answer(3).substring(0, 3), "the connection's other streams go on");
        }
    }

    @Test
    void bodiesOverTheLimitGet413() throws Exception {
        App app = app();
        app.settings().maxBodySize(1000);
        server = app.start("127.0.0.1", 0);
        try (RawHttp2 client = new RawHttp2(server.port())) {
            client.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS, 1, client.headerBlock(1, "POST", "/echo"));
            client.frame(RawHttp2.DATA, 0, 1, new byte[600]);
            client.frame(RawHttp2.DATA, RawHttp2.END_STREAM, 1, new byte[600]);
            client.flush();
            assertEquals("413", client.answer(1).substring(0, 3));
            client.frame(RawHttp2.HEADERS, RawHttp2.END_HEADERS, 3, client.headerBlock(3, "POST", "/echo"));
            client.frame(RawHttp2.DATA, RawHttp2.END_STREAM, 3, new byte[500]);
            client.flush();
            assertEquals("200 got 500", client.answer(3), "one refused stream leaves the connection working");
        }
    }

    @Test
    void shutdownSendsGoAwayAndFinishesTheStreamInFlight() throws Exception {
        server = app().start("127.0.0.1", 0);
        release = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        try (RawHttp2 client = new RawHttp2(server.port())) {
            client.get(1, "/slow");
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            // GOAWAY comes first, while the request is still in flight.
            RawHttp2.Frame frame;
            do {
                frame = client.read();
            } while (frame != null && frame.type() != RawHttp2.GOAWAY);
            assertTrue(frame != null, "a GOAWAY before the close");
            assertEquals(0, frame.errorCode(), "NO_ERROR: a graceful shutdown");
            release.countDown();
            assertEquals("200 slow done", client.answer(1));
            closing.get(30, TimeUnit.SECONDS);
        }
        server = null;
    }
}

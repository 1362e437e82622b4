package io.microflask;

import io.microflask.testsupport.LogCapture;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streamed bodies (Response.stream): chunked on the wire, HEAD, keep-alive, a client that leaves, shutdown. */
class StreamingResponseTest {
    private static final CountDownLatch clientLeft = new CountDownLatch(1);
    private static final AtomicReference<String> leftWith = new AtomicReference<>();
    private static final CountDownLatch eventsEnded = new CountDownLatch(1);

    public static class Streams {
        @Route("/count")
        public Response count() {
            return Response.stream("text/plain; charset=utf-8", out -> {
                for (int i = 0; i < 3; i++) {
                    out.write(i + "\n");
                }
            });
        }

        @Route("/forever")
        public Response forever() {
            return Response.stream("text/plain", out -> {
                byte[] chunk = new byte[8192];
                try {
                    while (true) {
                        out.write(chunk);
                    }
                } catch (IOException gone) {
                    leftWith.set(gone.getMessage());
                    clientLeft.countDown();
                    throw gone;
                }
            });
        }

        @Route("/events")
        public Response events() {
            return Response.stream("text/event-stream", out -> {
                while (out.isOpen()) {
                    out.write(": ping\n\n");
                    Thread.sleep(20);
                }
                eventsEnded.countDown();
            });
        }

        @Route("/ok")
        public String ok() {
            return "ok";
        }
    }

    @RegisterExtension
    final RunningApp server = RunningApp.of(() -> {
        App app = new App().register(new Streams());
        app.settings().shutdownTimeout(Duration.ofSeconds(20));
        return app;
    });

    @Test
    void streamedBodyArrivesChunked() {
        given().baseUri(server.url()).get("/count").then().statusCode(200)
                .header("Transfer-Encoding", equalTo("chunked"))
                .header("Content-Length", nullValue())
                .contentType("text/plain; charset=utf-8")
                .body(equalTo("0\n1\n2\n"));
    }

    @Test
    void headOfAStreamHasHeadersAndNoBody() {
        given().baseUri(server.url()).head("/count").then().statusCode(200)
                .contentType("text/plain; charset=utf-8").body(emptyString());
    }

    @Test
    void theConnectionIsReusedAfterAStream() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /count HTTP/1.1\r\nHost: x\r\n\r\nGET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
            String text = http.readUntilEndsWith("\r\n\r\nok");
            assertEquals(List.of(200, 200), RawHttp.statuses(text), text);
            assertTrue(text.indexOf("0\n1\n2\n") < text.lastIndexOf("ok"), text);
        }
    }

    @Test
    void http10StreamEndsWithTheConnection() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /count HTTP/1.0\r\n\r\n");
            String text = http.readUntilClosed();
            assertTrue(text.startsWith("HTTP/1.0 200"), text);
            assertTrue(text.endsWith("\r\n\r\n0\n1\n2\n"), text);
        }
    }

    @Test
    void aClientThatLeavesEndsTheBodyWithAnIoException() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        assertTrue(clientLeft.await(10, TimeUnit.SECONDS), "the writer learned that the client left");
        assertTrue(leftWith.get().contains("closed"), leftWith.get());
        given().baseUri(server.url()).get("/ok").then().statusCode(200);
    }

    @Test
    void shutdownEndsLongLivedStreamsInsteadOfWaitingForThem() throws Exception {
        RawHttp http = new RawHttp(server.port());
        http.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(http.readUntilContains(": ping"), "the stream has begun");
        try (LogCapture log = LogCapture.of("io.microflask")) {
            server.server().close();
            // close() waits for requests in flight; had the stream not seen isOpen() turn false, it would
            // have been cut off by the connection's close after the timeout, ending with an IOException.
            assertEquals(0, eventsEnded.getCount(), "the stream ended by itself before close() returned");
            // It stopped because the server did, not because it was done: no terminating chunk, and the
            // log counts it as cut.
            assertFalse(http.readUntilClosed().endsWith("\r\n0\r\n\r\n"), "no last chunk after a cut stream");
            assertTrue(log.text().contains("1 answer(s) cut short: 1 streamed answer(s) stopped by the shutdown"),
                    log.text());
        } finally {
            http.close();
        }
    }

    @Test
    void theTestClientCollectsAStreamedBody() {
        TestResponse response = new App().register(new Streams()).testClient().get("/count");
        assertEquals(200, response.status());
        assertEquals("0\n1\n2\n", response.text());
    }
}

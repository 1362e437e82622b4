package io.microflask;

import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server-sent events ({@code Response.events}): the format, Last-Event-ID on reconnect, heartbeats, the end. */
class EventStreamTest {
    private static final List<String> NEWS = List.of("first", "second", "third", "fourth", "fifth");
    private static volatile CountDownLatch ended = new CountDownLatch(1);
    private static volatile EventStream kept;

    public static class Streams {
        /** News items with their index as id: a reconnecting client gets those after the last it saw. */
        @Route("/news")
        public Response news(Request request) {
            return Response.events(request, events -> {
                int next = events.lastEventId() == null ? 0 : Integer.parseInt(events.lastEventId()) + 1;
                events.retry(Duration.ofMillis(1500));
                for (int i = next; i < NEWS.size(); i++) {
                    events.send("news", String.valueOf(i), NEWS.get(i));
                }
                events.comment("that is all for now");
            });
        }

        @Route("/kept")
        public Response keep(Request request) {
            return Response.events(request, events -> {
                kept = events;
                events.onClose(() -> ended.countDown());
                events.send("two\nlines");
            });
        }
    }

    @RegisterExtension
    final RunningApp server = RunningApp.of(() -> {
        App app = new App().register(new Streams());
        app.settings().eventStreamHeartbeat(Duration.ofMillis(50));
        return app;
    });

    @Test
    void sendsNamedEventsWithIdsRetryAndComments() throws Exception {
        try (RawHttp client = new RawHttp(server.port())) {
            client.send("GET /news HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(client.readUntilContains(": that is all for now\n\n"), client.text());
            String text = body(client.text()).replace(": heartbeat\n\n", ""); // a loaded machine may beat first
            assertTrue(client.text().contains("Content-Type: text/event-stream; charset=utf-8")
                    || text.toLowerCase().contains("content-type: text/event-stream; charset=utf-8"), text);
            assertTrue(text.startsWith("retry: 1500\n\nevent: news\nid: 0\ndata: first\n\nevent: news\nid: 1\ndata: second\n\n"),
                    text);
        }
    }

    @Test
    void aReconnectWithLastEventIdResumesAfterIt() throws Exception {
        try (RawHttp client = new RawHttp(server.port())) {
            client.send("GET /news HTTP/1.1\r\nHost: x\r\nLast-Event-ID: 2\r\n\r\n");
            assertTrue(client.readUntilContains(": that is all for now"), client.text());
            String text = body(client.text()).replace(": heartbeat\n\n", ""); // a loaded machine may beat first
            assertFalse(text.contains("data: third"), text);
            assertTrue(text.startsWith("retry: 1500\n\nevent: news\nid: 3\ndata: fourth\n\nevent: news\nid: 4\ndata: fifth\n\n"), text);
        }
    }

    @Test
    void sendsHeartbeatsAndEndsWhenTheClientGoesAway() throws Exception {
        ended = new CountDownLatch(1);
        try (RawHttp client = new RawHttp(server.port())) {
            client.send("GET /kept HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(client.readUntilContains("data: two\ndata: lines\n\n"), client.text()); // one event, one chunk
            assertTrue(client.readUntilContains(": heartbeat\n\n"), client.text());
            assertThrows(IllegalArgumentException.class, () -> kept.send("evil\ndata: injected", "x"));
        }
        assertTrue(ended.await(10, TimeUnit.SECONDS), "the stream did not end after its client left");
        assertFalse(kept.isOpen());
        assertFalse(kept.send("too late"));
    }

    @Test
    void endsAtShutdown() throws Exception {
        ended = new CountDownLatch(1);
        App app = new App().register(new Streams());
        RunningServer running = app.start("127.0.0.1", 0);
        try (RawHttp client = new RawHttp(running.port())) {
            client.send("GET /kept HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(client.readUntilContains("data: lines"), client.text());
            running.close();
            assertTrue(ended.await(10, TimeUnit.SECONDS), "the stream did not end at shutdown");
            String rest = client.readUntilClosed();
            assertFalse(rest.endsWith("0\r\n\r\n"), "a cut stream must not end as if complete: " + rest);
        } finally {
            running.close();
        }
    }

    /** The body of a chunked answer as far as it has arrived, without the chunk framing. */
    private static String body(String answer) {
        String rest = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        StringBuilder body = new StringBuilder();
        while (true) {
            int lineEnd = rest.indexOf("\r\n");
            if (lineEnd < 0) {
                return body.toString();
            }
            int size = Integer.parseInt(rest.substring(0, lineEnd).trim(), 16);
            if (size == 0 || rest.length() < lineEnd + 2 + size) {
                return body.toString();
            }
            body.append(rest, lineEnd + 2, lineEnd + 2 + size);
            rest = rest.substring(Math.min(rest.length(), lineEnd + 4 + size));
        }
    }
}

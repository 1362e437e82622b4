package io.microflask;

import io.microflask.testsupport.LogCapture;
import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Open streams ({@code Response.openStream}) wait for events without holding a thread. */
class OpenStreamTest {
    private static final Queue<OpenStream> subscribers = new ConcurrentLinkedQueue<>();
    private static final CountDownLatch gone = new CountDownLatch(1);

    public static class Events {
        @Route("/events")
        public Response events() {
            return Response.openStream("text/event-stream", out -> {
                // Kept first: the client may read the first event before this method returns.
                subscribers.add(out);
                out.write("data: hello\n\n");
            });
        }

        @Route("/watched")
        public Response watched() {
            return Response.openStream("text/event-stream", out -> {
                out.write("data: watching\n\n");
                out.onClose(gone::countDown);
            });
        }
    }

    @RegisterExtension
    final RunningApp server = RunningApp.of(() -> {
        App app = new App().register(new Events());
        // One thread for streamed bodies: were open streams to hold it, only the first would start.
        app.settings().useVirtualThreads(false).streamThreads(1);
        return app;
    });

    @Test
    void manyOpenStreamsShareNoThreadAndEndWithTheirLastChunk() throws Exception {
        subscribers.clear();
        List<RawHttp> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                RawHttp client = new RawHttp(server.port());
                clients.add(client);
                client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(client.readUntilContains("data: hello"), client.text());
            }
            assertEquals(5, subscribers.size());
            for (OpenStream out : subscribers) {
                out.write("data: news\n\n");
                out.close();
                assertFalse(out.isOpen());
            }
            for (RawHttp client : clients) {
                assertTrue(client.readUntilContains("data: news\n\n\r\n0\r\n\r\n"), client.text());
            }
            // The connection is kept alive after a closed stream.
            clients.get(0).send("GET /watched HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(clients.get(0).readUntilContains("data: watching"), clients.get(0).text());
        } finally {
            for (RawHttp client : clients) {
                client.close();
            }
        }
        assertTrue(gone.await(10, TimeUnit.SECONDS), "onClose ran when the client left");
    }

    @Test
    void aShutdownCutsOpenStreamsAndSaysSo() throws Exception {
        subscribers.clear();
        try (RawHttp client = new RawHttp(server.port()); LogCapture log = LogCapture.of("io.microflask")) {
            client.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(client.readUntilContains("data: hello"), client.text());
            server.server().close();
            assertFalse(client.readUntilClosed().endsWith("0\r\n\r\n"), "no last chunk after a cut stream");
            assertTrue(log.text().contains("1 answer(s) cut short"), log.text());
        }
    }
}

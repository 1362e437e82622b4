package io.microflask;

import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile clients that do not read, half-close, trickle or hog connections: each is bounded, and
 * the server keeps serving everyone else. Every test is bounded in count and time.
 */
class BackPressureTest {
    private static final int STREAM_CLIENTS = 200;
    private static final CountDownLatch streamsFreed = new CountDownLatch(STREAM_CLIENTS);
    private static final AtomicInteger openWhenHandled = new AtomicInteger();
    @TempDir
    static Path directory;
    private static Path file;

    public static class Pages {
        @Route("/file")
        public Response file() throws IOException {
            // Answers of this file are written one at a time: when the next is made, no copy is open.
            openWhenHandled.accumulateAndGet(openDescriptorsOf(file), Math::max);
            return Response.file(file, "application/octet-stream");
        }

        @Route("/forever")
        public Response forever() {
            byte[] chunk = new byte[64 * 1024];
            return Response.stream("application/octet-stream", out -> {
                try {
                    while (true) {
                        out.write(chunk);
                    }
                } finally {
                    streamsFreed.countDown();
                }
            });
        }

        @Route("/ok")
        public String ok() {
            return "ok";
        }

        @Route(value = "/upload", methods = "POST")
        public String upload(Request request) {
            return "got " + request.bodyLength();
        }
    }

    @RegisterExtension
    static final RunningApp server = RunningApp.of(() -> {
        App app = new App().register(new Pages());
        app.settings()
                .writeTimeout(Duration.ofMillis(500))
                // The pool, not virtual threads, so that stuck streams would starve it were they not freed.
                .useVirtualThreads(false).workerThreads(8).streamThreads(64)
                .maxConnectionsPerAddress(3)
                .minBodyRate(1000).bodyRateGracePeriod(Duration.ofSeconds(1)).bodyRateWindow(Duration.ofSeconds(1))
                .maxBufferedBodyBytes(1 << 20);
        return app;
    });

    private static int openDescriptorsOf(Path target) throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        int open = 0;
        try (var links = Files.list(descriptors)) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    if (Files.readSymbolicLink(link).equals(target)) {
                        open++;
                    }
                } catch (IOException gone) {
                    // closed while listed
                }
            }
        }
        return open;
    }

    @Test
    void pipelinedAnswersAreMadeOnlyAfterThePreviousOneWasWritten() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to count descriptors");
        file = directory.resolve("one-megabyte.bin");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(1 << 20);
        }
        file = file.toRealPath();
        int requests = 200; // more than maxPipelinedRequests: the reads stop, the rest wait in the socket
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /file HTTP/1.1\r\nHost: x\r\n\r\n".repeat(requests));
            // Reads everything, in its own time; meanwhile the server must not run ahead.
            long expected = (long) requests * (1 << 20);
            assertTrue(http.discard(expected) >= expected, "every answer arrived");
        }
        assertEquals(0, openWhenHandled.get(), "a file was still open from an earlier answer when the next was made");
    }

    @Test
    void streamsWhoseClientsStopReadingEndAndFreeTheirThreads() throws Exception {
        List<Socket> stuck = new ArrayList<>();
        try {
            for (int i = 0; i < STREAM_CLIENTS; i++) {
                // From many loopback addresses: the per-address cap is not what this test is about.
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.bind(new java.net.InetSocketAddress("127.0.1." + (1 + i % 250), 0));
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
                socket.getOutputStream().write("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                stuck.add(socket);
            }
            // Nobody reads. Another client is still answered at once: streams do not take the handlers' threads.
            try (RawHttp other = new RawHttp(server.port())) {
                other.readTimeout(Duration.ofSeconds(5)).send("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertTrue(other.readUntilClosed().endsWith("ok"), other.text());
            }
            // And each stuck stream ends within its write timeout, freeing its thread.
            assertTrue(streamsFreed.await(60, TimeUnit.SECONDS),
                    streamsFreed.getCount() + " streams still hold a thread");
        } finally {
            for (Socket socket : stuck) {
                socket.close();
            }
        }
    }

    @Test
    void aRequestFollowedByAHalfCloseIsAnswered() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n").shutdownOutput();
            String answer = http.readUntilClosed();
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.endsWith("ok"), answer);
        }
    }

    @Test
    void oneAddressCannotTakeEveryConnection() throws Exception {
        List<RawHttp> mine = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawHttp http = new RawHttp("127.0.0.5", server.port());
                mine.add(http);
                // Answered, so counted before the next one connects.
                http.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(http.readUntilContains("ok"), http.text());
            }
            try (RawHttp fourth = new RawHttp("127.0.0.5", server.port())) {
                fourth.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
                String answer = fourth.readUntilClosed();
                assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
                assertTrue(answer.contains("Retry-After: 1"), answer);
            }
            try (RawHttp elsewhere = new RawHttp("127.0.0.6", server.port())) {
                elsewhere.send("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                assertTrue(elsewhere.readUntilClosed().startsWith("HTTP/1.1 200"), elsewhere.text());
            }
        } finally {
            for (RawHttp http : mine) {
                http.close();
            }
        }
    }

    @Test
    void aBodySentAtOnceAndThenTrickledIsCutOff() throws Exception {
        try (RawHttp http = new RawHttp("127.0.0.7", server.port())) {
            http.readTimeout(Duration.ofSeconds(20));
            http.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 200000\r\n\r\n");
            http.send(new byte[60_000]);
            // Then nothing: the average since the head stays high for minutes, the last window's rate is zero.
            String answer = http.readUntilClosed();
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        }
    }

    @Test
    void bodiesBeyondTheBudgetAre503AndTheBudgetComesBack() throws Exception {
        try (RawHttp big = new RawHttp("127.0.0.8", server.port())) {
            big.readTimeout(Duration.ofSeconds(20));
            big.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 3000000\r\n\r\n");
            try {
                big.send(new byte[3_000_000]);
            } catch (IOException closed) {
                // The server stopped reading once it answered; what we read below is what counts.
            }
            String answer = big.readUntilClosed();
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            assertTrue(answer.contains("Retry-After"), answer);
        }
        // Once that connection is gone its bytes are given back: a body of half the budget fits again.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String answer;
        do {
            try (RawHttp next = new RawHttp("127.0.0.9", server.port())) {
                next.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: 500000\r\nConnection: close\r\n\r\n");
                next.send(new byte[500_000]);
                answer = next.readUntilClosed();
            }
        } while (!answer.startsWith("HTTP/1.1 200") && System.nanoTime() < deadline);
        assertTrue(answer.endsWith("got 500000"), answer);
    }
}

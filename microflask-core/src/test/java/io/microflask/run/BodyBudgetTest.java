package io.microflask.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forty clients that each send most of a large body at once and then nothing: together they would
 * need more memory than a 256 MiB JVM has. The body budget answers most of them 503 at once, the
 * rest are cut off by the body rate, and the server stays healthy and answers everyone else.
 */
class BodyBudgetTest {
    private static final int CLIENTS = 40;
    private static final int BODY = 8 << 20;

    @Test
    void frontLoadedBodiesCannotExhaustASmallHeap() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of("-Xmx256m"), BodyBudgetMain.class, Map.of())) {
            String line = child.awaitLine("listening on ");
            int port = Integer.parseInt(line.replaceAll("listening on (\\d+).*", "$1"));
            byte[] chunk = new byte[1 << 20];
            CountDownLatch frontLoaded = new CountDownLatch(CLIENTS);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<String>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    answers.add(clients.submit(() -> frontLoadAndWait(port, chunk, frontLoaded)));
                }
                assertTrue(frontLoaded.await(60, TimeUnit.SECONDS), "every client sent its front load");
                // While they hold their connections, the server answers others at once.
                try (Socket other = new Socket("127.0.0.1", port)) {
                    other.setSoTimeout(10_000);
                    other.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    String answer = new String(other.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("ok"), answer);
                }
                int refused = 0;
                for (Future<String> answer : answers) {
                    String status = answer.get(60, TimeUnit.SECONDS);
                    assertTrue(status.startsWith("HTTP/1.1 503") || status.startsWith("HTTP/1.1 408")
                            || status.equals("closed"), status);
                    if (status.startsWith("HTTP/1.1 503")) {
                        refused++;
                    }
                }
                assertTrue(refused >= CLIENTS / 2, refused + " of " + CLIENTS + " were answered 503 by the budget");
            } finally {
                clients.shutdownNow();
            }
            assertTrue(child.process().isAlive(), "the server is still running");
            assertFalse(child.stderr().contains("OutOfMemoryError"), child.stderr());
            assertFalse(child.stdout().contains("OutOfMemoryError"), child.stdout());
            child.process().destroy();
            child.awaitExit(); // a plain start(), not run(): SIGTERM ends it without a drain, which is not the subject

        }
    }

    /** Sends a head announcing BODY + 1 bytes and BODY of them, then nothing; returns the status line. */
    private static String frontLoadAndWait(int port, byte[] chunk, CountDownLatch frontLoaded) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + (BODY + 1) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                for (int sent = 0; sent < BODY; sent += chunk.length) {
                    out.write(chunk);
                }
                out.flush();
            } catch (IOException refusedWhileSending) {
                // Answered and closed before the body was all sent: the answer is read below.
            } finally {
                frontLoaded.countDown();
            }
            InputStream in = socket.getInputStream();
            byte[] head = new byte[64];
            int n;
            try {
                n = in.read(head);
            } catch (IOException reset) {
                return "closed";
            }
            return n <= 0 ? "closed" : new String(head, 0, n, StandardCharsets.ISO_8859_1).split("\r\n")[0];
        }
    }
}

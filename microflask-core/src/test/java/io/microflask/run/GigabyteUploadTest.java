package io.microflask.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gigabyte upload to a route whose limit allows it, in a JVM of 128 MiB of heap: the body is
 * written to disk as it arrives, so it succeeds without an OutOfMemoryError and the handler reads
 * exactly the bytes sent (their SHA-256 is compared). A multipart file of 128 MiB goes the same
 * way, and a route with the default limit (16 MiB) still refuses a 32 MiB one. The bytes are
 * generated as they are sent, from a fixed seed; nothing of them is kept on the test's side.
 */
class GigabyteUploadTest {
    private static final long GIGABYTE = 1L << 30;

    /** Sends {@code length} pseudo-random bytes (xorshift, fixed seed) and returns their SHA-256. */
    private static String sendGenerated(OutputStream out, long length, long seed) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        long state = seed;
        for (long sent = 0; sent < length; ) {
            int size = (int) Math.min(block.length, length - sent);
            for (int i = 0; i < size; i += 8) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                for (int b = 0; b < 8 && i + b < size; b++) {
                    block[i + b] = (byte) (state >>> (b * 8));
                }
            }
            sha.update(block, 0, size);
            out.write(block, 0, size);
            sent += size;
        }
        out.flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static List<Path> left(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void aGigabyteUploadFitsInASmallHeapAndArrivesIntact(@TempDir Path uploads) throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of("-Xmx128m"), GigabyteUploadMain.class, Map.of(),
                uploads.toString())) {
            String line = child.awaitLine("listening on ");
            int port = Integer.parseInt(line.replaceAll("listening on (\\d+).*", "$1"));

            String sent;
            String answer;
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(180_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + GIGABYTE + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                sent = sendGenerated(out, GIGABYTE, 17);
                answer = readAnswer(socket);
            }
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.endsWith(GIGABYTE + " " + sent), "the handler read the same bytes: " + answer);

            long fileSize = 128L << 20;
            String boundary = "gigabyte-test";
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"big.bin\""
                    + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(180_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /form HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nContent-Type: multipart/form-data; boundary=" + boundary
                        + "\r\nContent-Length: " + (head.length + fileSize + tail.length) + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(head);
                sent = sendGenerated(out, fileSize, 23);
                out.write(tail);
                out.flush();
                answer = readAnswer(socket);
            }
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.endsWith(fileSize + " " + fileSize + " " + sent), answer);

            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /small HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: " + (32L << 20) + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                answer = readAnswer(socket);
            }
            assertTrue(answer.startsWith("HTTP/1.1 413"), "the default limit still holds elsewhere: " + answer);

            assertTrue(child.process().isAlive(), "the server is still running");
            assertFalse(child.stderr().contains("OutOfMemoryError"), child.stderr());
            assertFalse(child.stdout().contains("OutOfMemoryError"), child.stdout());
            child.process().destroy();
            child.awaitExit();
        }
        assertEquals(List.of(), left(uploads), "no temporary file is left behind");
    }
}

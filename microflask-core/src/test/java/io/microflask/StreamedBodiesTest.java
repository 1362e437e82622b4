package io.microflask;

import io.microflask.testsupport.RunningApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request bodies received as they arrive: large ones go to a temporary file (never whole into
 * memory), limits per route, form limits as settings, an InputStream parameter, and no file left
 * behind by a client that stops mid-upload. Through a real server, over raw sockets.
 */
class StreamedBodiesTest {
    private static final int BODY = 300_000;
    @TempDir
    static Path uploads;

    public static class Pages {
        @Route(value = "/small", methods = "POST")
        public String small(Request request) {
            return "small got " + request.bodyLength();
        }

        @Route(value = "/big", methods = "POST", maxBodySize = 1 << 20)
        public String big(InputStream body) throws Exception {
            return "big got " + digest(body);
        }

        @Route(value = "/form", methods = "POST", maxBodySize = 1 << 20)
        public String form(Request request) {
            return "fields " + request.formParams().size();
        }

        @Route(value = "/file", methods = "POST", maxBodySize = 1 << 20)
        public String file(Request request) throws Exception {
            UploadedFile file = request.file("data");
            try (InputStream in = file.inputStream()) {
                return "file " + file.filename() + " " + file.size() + " " + file.inMemory() + " " + digest(in)
                        + " note=" + request.form("note");
            }
        }
    }

    @RegisterExtension
    static final RunningApp server = RunningApp.of(() -> {
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().maxBodySize(100_000).uploadDirectory(uploads).bodyMemoryThreshold(16 * 1024)
                .maxFormParts(5).maxFormMemorySize(10_000);
        return app;
    });

    static String digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static byte[] body(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String post(String path, String contentType, byte[] body) throws IOException {
        try (RawHttp http = new RawHttp(server.port())) {
            http.readTimeout(Duration.ofSeconds(20));
            http.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n");
            try {
                http.send(body);
            } catch (IOException refused) {
                // Answered (413) before the whole body was sent; the answer is read below.
            }
            return http.readUntilClosed();
        }
    }

    private static List<Path> leftInUploads() throws IOException {
        try (Stream<Path> files = Files.list(uploads)) {
            return files.toList();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        // Temporary files go when the request has been answered, which may be a moment after the client read it.
        await("every temporary body file is deleted", () -> {
            try {
                return leftInUploads().isEmpty();
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    void aRouteWithItsOwnLimitTakesABodyAnotherRouteRefuses() throws Exception {
        byte[] body = body(BODY);
        String refused = post("/small", "application/octet-stream", body);
        assertTrue(refused.startsWith("HTTP/1.1 413"), refused);
        assertTrue(refused.contains("larger than the server accepts"), refused);
        String accepted = post("/big", "application/octet-stream", body);
        assertTrue(accepted.startsWith("HTTP/1.1 200"), accepted);
        assertTrue(accepted.endsWith("big got " + digest(new java.io.ByteArrayInputStream(body))), accepted);
        String tooLargeEvenThere = post("/big", "application/octet-stream", body((1 << 20) + 1));
        assertTrue(tooLargeEvenThere.startsWith("HTTP/1.1 413"), tooLargeEvenThere);
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedAsItArrives() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.readTimeout(Duration.ofSeconds(20));
            http.send("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = body(50_000);
            String size = Integer.toHexString(chunk.length) + "\r\n";
            try {
                for (int i = 0; i < 3; i++) {
                    http.send(size).send(chunk).send("\r\n");
                }
                http.send("0\r\n\r\n");
            } catch (IOException refused) {
                // The 413 came before the rest was sent.
            }
            String answer = http.readUntilClosed();
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        }
    }

    @Test
    void aMultipartFileIsStreamedToDiskAndArrivesIntact() throws Exception {
        byte[] data = body(BODY);
        String boundary = "----streamed";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"data.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);
        String answer = post("/file", "multipart/form-data; boundary=" + boundary, body);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("file data.bin " + BODY + " false " + digest(new java.io.ByteArrayInputStream(data))
                + " note=hello"), answer);
    }

    @Test
    void formLimitsAreSettings() throws Exception {
        StringBuilder many = new StringBuilder();
        String boundary = "b";
        for (int i = 0; i < 6; i++) {
            many.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
        }
        many.append("--b--\r\n");
        String tooManyParts = post("/form", "multipart/form-data; boundary=" + boundary,
                many.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(tooManyParts.startsWith("HTTP/1.1 413"), tooManyParts);
        assertTrue(tooManyParts.contains("maxFormParts"), tooManyParts);
        String bigField = "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n" + "x".repeat(20_000) + "\r\n--b--\r\n";
        String tooMuchText = post("/form", "multipart/form-data; boundary=b", bigField.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(tooMuchText.startsWith("HTTP/1.1 413"), tooMuchText);
        assertTrue(tooMuchText.contains("maxFormMemorySize"), tooMuchText);
        String urlEncoded = post("/form", "application/x-www-form-urlencoded",
                ("a=" + "x".repeat(20_000)).getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(urlEncoded.startsWith("HTTP/1.1 413"), urlEncoded);
        String fine = post("/form", "application/x-www-form-urlencoded", "a=1&b=2".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(fine.endsWith("fields 2"), fine);
    }

    @Test
    void aClientThatStopsMidUploadLeavesNoTemporaryFile() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: 1000000\r\n\r\n");
            http.send(body(BODY));
            await("the body is being written to a temporary file", () -> {
                try {
                    return !leftInUploads().isEmpty();
                } catch (IOException e) {
                    return false;
                }
            });
        }
        // The client is gone; nothingIsLeftBehind checks the file went with it.
    }
}

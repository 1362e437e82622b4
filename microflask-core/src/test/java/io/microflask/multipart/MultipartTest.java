package io.microflask.multipart;

import io.microflask.UploadedFile;
import io.microflask.App;
import io.microflask.Request;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartTest {
    static final AtomicReference<Path> lastTemporaryFile = new AtomicReference<>();

    public static class Uploads {
        @Route(value = "/upload", methods = "POST")
        public String upload(Request request) throws Exception {
            UploadedFile file = request.file("document");
            lastTemporaryFile.set(file.temporaryFile());
            boolean onDisk = file.temporaryFile() != null && Files.exists(file.temporaryFile());
            String digest;
            try (InputStream in = file.inputStream()) {
                digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
            }
            return request.form("title") + "|" + request.formAll("tag") + "|" + file.fieldName() + "|"
                    + file.filename() + "|" + file.safeFilename() + "|" + file.contentType() + "|" + file.size() + "|"
                    + (file.inMemory() ? "memory" : onDisk ? "disk" : "missing") + "|" + digest;
        }

        @Route(value = "/avatar", methods = "POST")
        public String avatar(UploadedFile avatar, Request request) throws IOException {
            Path kept = Files.createTempFile("kept", ".bin");
            try {
                avatar.transferTo(kept);
                return new String(Files.readAllBytes(kept), StandardCharsets.UTF_8) + "|"
                        + new String(avatar.bytes(), StandardCharsets.UTF_8) + "|" + request.files().keySet() + "|"
                        + request.fileAll("avatar").size();
            } finally {
                Files.delete(kept);
            }
        }
    }

    /** A multipart/form-data body as a browser builds it: fields, then files, each a part. */
    private static final class Form {
        private static final String BOUNDARY = "----microflask-test-boundary-7MA4YWxkTrZu0gW";
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Form field(String name, String value) {
            return part("Content-Disposition: form-data; name=\"" + name + "\"",
                    value.getBytes(StandardCharsets.UTF_8));
        }

        Form file(String name, String filename, byte[] content, String contentType) {
            return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                    + "Content-Type: " + contentType, content);
        }

        private Form part(String headers, byte[] content) {
            body.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        TestResponse post(TestClient client, String path) {
            body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return client.request("POST", path).body("multipart/form-data; boundary=" + BOUNDARY, body.toByteArray())
                    .send();
        }
    }

    private static void assertAnswer(TestResponse response, int status, String body) {
        assertEquals(status, response.status(), response.text());
        assertEquals(body, response.text());
    }

    private static void assertContains(TestResponse response, String part) {
        assertTrue(response.text().contains(part), "expected '" + part + "' in: " + response.text());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fieldsAndASmallFileAreReadInMemory() {
        TestClient client = App.withoutExtensionDiscovery().register(new Uploads()).testClient();
        byte[] content = "small file".getBytes(StandardCharsets.UTF_8);
        TestResponse response = new Form()
                .field("title", "Quarterly report")
                .field("tag", "a").field("tag", "b")
                .file("document", "../../etc/report 1.txt", content, "text/plain")
                .post(client, "/upload");
        assertAnswer(response, 200, "Quarterly report|[a, b]|document|../../etc/report 1.txt|report_1.txt|"
                + "text/plain|10|memory|" + sha256(content));
    }

    @Test
    void aFileAboveTheThresholdSpillsToDiskAndIsDeletedAfterTheRequest(@TempDir Path uploads) throws IOException {
        App app = App.withoutExtensionDiscovery().register(new Uploads());
        app.settings().uploadMemoryThreshold(1024).uploadDirectory(uploads);
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        TestResponse response = new Form()
                .field("title", "big")
                .file("document", "big.bin", content, "application/octet-stream")
                .post(app.testClient(), "/upload");
        assertAnswer(response, 200, "big|[]|document|big.bin|big.bin|application/octet-stream|200000|disk|"
                + sha256(content));
        Path temporary = lastTemporaryFile.get();
        assertNotNull(temporary);
        assertTrue(temporary.startsWith(uploads), temporary + " is in the configured upload directory");
        assertFalse(Files.exists(temporary), "the temporary file is deleted once the request is answered");
        try (Stream<Path> left = Files.list(uploads)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aFileOverTheLimitIsAnswered413() {
        App app = App.withoutExtensionDiscovery().register(new Uploads());
        app.settings().maxFileSize(1000);
        TestClient client = app.testClient();
        TestResponse tooBig = new Form().file("document", "big.bin", new byte[5000], "application/octet-stream")
                .post(client, "/upload");
        assertEquals(413, tooBig.status());
        assertContains(tooBig, "larger than the server accepts");
        assertEquals(200, new Form().file("document", "ok.bin", new byte[500], "application/octet-stream")
                .post(client, "/upload").status());
    }

    /**
     * Over a socket: in process, a body over maxBodySize that comes in more than one buffer makes
     * the test client throw ClosedChannelException instead of returning the 413.
     */
    @Test
    void aBodyOverTheBodyLimitIsAnswered413() {
        App app = App.withoutExtensionDiscovery().register(new Uploads());
        app.settings().maxBodySize(10_000);
        try (RunningServer server = app.start("127.0.0.1", 0)) {
            given().baseUri(server.url())
                    .multiPart("document", "big.bin", new byte[50_000], "application/octet-stream")
                    .post("/upload").then().statusCode(413);
        }
    }

    @Test
    void anUploadedFileCanBeAHandlerParameterAndKeptWithTransferTo() {
        TestClient client = App.withoutExtensionDiscovery().register(new Uploads()).testClient();
        assertAnswer(new Form().file("avatar", "me.png", "PNGDATA".getBytes(StandardCharsets.UTF_8), "image/png")
                .post(client, "/avatar"), 200, "PNGDATA|PNGDATA|[avatar]|1");
        TestResponse missing = new Form().field("other", "x").post(client, "/avatar");
        assertEquals(400, missing.status());
        assertContains(missing, "avatar");
    }

    @Test
    void aMalformedMultipartBodyIsA400() {
        TestClient client = App.withoutExtensionDiscovery().register(new Uploads()).testClient();
        assertEquals(400, client.request("POST", "/upload").body("multipart/form-data; boundary=XYZ",
                "--XYZ\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a.txt\"\r\n\r\nno end"
                        .getBytes(StandardCharsets.UTF_8)).send().status());
        assertEquals(400, client.request("POST", "/upload").body("multipart/form-data",
                "no boundary at all".getBytes(StandardCharsets.UTF_8)).send().status());
    }

    public static class Fields {
        @Route(value = "/fields", methods = "POST")
        public String fields(Request request) {
            return request.formParams().toString();
        }

        @io.microflask.ErrorHandler(exception = io.microflask.HttpException.class)
        public io.microflask.Response plain(io.microflask.HttpException e) {
            return io.microflask.Response.text(e.getMessage()).status(e.status());
        }
    }

    /** POSTs a raw multipart body with boundary XYZ and returns the answer's status and text. */
    private static String answer(TestClient client, String body) {
        TestResponse response = client.request("POST", "/fields").body("multipart/form-data; boundary=XYZ",
                body.getBytes(StandardCharsets.ISO_8859_1)).send();
        return response.status() + " " + response.text();
    }

    @Test
    void malformedPartsAreA400InOurWordsNeverAJavaExceptionsText() {
        TestClient client = App.withoutExtensionDiscovery().register(new Fields()).testClient();
        String prefix = "400 The multipart form could not be read: ";
        assertEquals(prefix + "a multipart part has no name in its Content-Disposition.",
                answer(client, "--XYZ\r\nContent-Disposition: form-data\r\n\r\nvalue\r\n--XYZ--\r\n"));
        assertEquals(prefix + "a multipart part has no name in its Content-Disposition.",
                answer(client, "--XYZ\r\nContent-Disposition: form-data; filename=\"a.txt\"\r\n\r\nv\r\n--XYZ--\r\n"));
        assertEquals(prefix + "a multipart part has no name in its Content-Disposition.",
                answer(client, "--XYZ\r\nContent-Disposition: form-data; name=\r\n\r\nv\r\n--XYZ--\r\n"));
        assertEquals(prefix + "a multipart part's Content-Disposition is not form-data.",
                answer(client, "--XYZ\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nv\r\n--XYZ--\r\n"));
        assertEquals(prefix + "a multipart part has no Content-Disposition header (form-data; name=\"...\").",
                answer(client, "--XYZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XYZ--\r\n"));
        assertEquals(prefix + "a multipart part has a Content-Transfer-Encoding other than 7bit, 8bit or binary.",
                answer(client, "--XYZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a\"\r\n"
                        + "Content-Transfer-Encoding: rot13\r\n\r\nv\r\n--XYZ--\r\n"));
        assertEquals(prefix + "a multipart part's Content-Type names a charset this server does not know.",
                answer(client, "--XYZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                        + "Content-Type: text/plain; charset=klingon\r\n\r\nv\r\n--XYZ--\r\n"));
        // The second part is the faulty one: every part is looked at.
        assertEquals(prefix + "a multipart part has no name in its Content-Disposition.",
                answer(client, "--XYZ\r\nContent-Disposition: form-data; name=\"ok\"\r\n\r\n1\r\n"
                        + "--XYZ\r\nContent-Disposition: form-data\r\n\r\n2\r\n--XYZ--\r\n"));
        assertEquals("200 {ok=[1]}", answer(client,
                "--XYZ\r\nContent-Disposition: form-data; name=\"ok\"\r\n\r\n1\r\n--XYZ--\r\n"));
    }

    @Test
    void badUrlEncodingIsA400ThatSaysTheRuleWithoutEchoingTheInput() {
        TestClient client = App.withoutExtensionDiscovery().register(new Fields()).testClient();
        TestResponse response = client.request("POST", "/fields")
                .body("application/x-www-form-urlencoded", "a=%zz<script>").send();
        assertEquals(400, response.status());
        assertTrue(response.text().contains("The query string or form body is not valid URL encoding: each '%' must "
                + "be followed by two hexadecimal digits (write a literal '%' as %25)."), response.text());
        assertFalse(response.text().contains("script"), response.text());
    }
}

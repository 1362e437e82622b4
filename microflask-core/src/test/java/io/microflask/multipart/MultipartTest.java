package io.microflask.multipart;

import io.microflask.UploadedFile;
import io.microflask.App;
import io.microflask.Request;
import io.microflask.Route;
import io.microflask.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartTest {
    static final AtomicReference<Path> lastTemporaryFile = new AtomicReference<>();
    private final List<RunningServer> servers = new ArrayList<>();

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

    @AfterEach
    void stop() {
        servers.forEach(RunningServer::close);
    }

    private RunningServer start(App app) {
        RunningServer server = app.start("127.0.0.1", 0);
        servers.add(server);
        return server;
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
        App app = App.withoutExtensionDiscovery().register(new Uploads());
        RunningServer server = start(app);
        byte[] content = "small file".getBytes(StandardCharsets.UTF_8);
        given().baseUri(server.url())
                .multiPart("title", "Quarterly report")
                .multiPart("tag", "a").multiPart("tag", "b")
                .multiPart("document", "../../etc/report 1.txt", content, "text/plain")
                .post("/upload").then().statusCode(200)
                .body(equalTo("Quarterly report|[a, b]|document|../../etc/report 1.txt|report_1.txt|text/plain|10|"
                        + "memory|" + sha256(content)));
    }

    @Test
    void aFileAboveTheThresholdSpillsToDiskAndIsDeletedAfterTheRequest(@TempDir Path uploads) throws IOException {
        App app = App.withoutExtensionDiscovery().register(new Uploads());
        app.settings().uploadMemoryThreshold(1024).uploadDirectory(uploads);
        RunningServer server = start(app);
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        given().baseUri(server.url())
                .multiPart("title", "big")
                .multiPart("document", "big.bin", content, "application/octet-stream")
                .post("/upload").then().statusCode(200)
                .body(equalTo("big|[]|document|big.bin|big.bin|application/octet-stream|200000|disk|"
                        + sha256(content)));
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
        RunningServer server = start(app);
        given().baseUri(server.url())
                .multiPart("document", "big.bin", new byte[5000], "application/octet-stream")
                .post("/upload").then().statusCode(413).body(containsString("larger than the server accepts"));
        given().baseUri(server.url())
                .multiPart("document", "ok.bin", new byte[500], "application/octet-stream")
                .post("/upload").then().statusCode(200);
    }

    @Test
    void aBodyOverTheBodyLimitIsAnswered413() {
        App app = App.withoutExtensionDiscovery().register(new Uploads());
        app.settings().maxBodySize(10_000);
        RunningServer server = start(app);
        given().baseUri(server.url())
                .multiPart("document", "big.bin", new byte[50_000], "application/octet-stream")
                .post("/upload").then().statusCode(413);
    }

    @Test
    void anUploadedFileCanBeAHandlerParameterAndKeptWithTransferTo() {
        RunningServer server = start(App.withoutExtensionDiscovery().register(new Uploads()));
        given().baseUri(server.url())
                .multiPart("avatar", "me.png", "PNGDATA".getBytes(StandardCharsets.UTF_8), "image/png")
                .post("/avatar").then().statusCode(200).body(equalTo("PNGDATA|PNGDATA|[avatar]|1"));
        given().baseUri(server.url()).multiPart("other", "x").post("/avatar").then().statusCode(400)
                .body(containsString("avatar"));
    }

    @Test
    void aMalformedMultipartBodyIsA400() {
        RunningServer server = start(App.withoutExtensionDiscovery().register(new Uploads()));
        given().baseUri(server.url()).contentType("multipart/form-data; boundary=XYZ")
                .body("--XYZ\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a.txt\"\r\n\r\nno end"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/upload").then().statusCode(400);
        given().baseUri(server.url()).contentType("multipart/form-data")
                .body("no boundary at all".getBytes(StandardCharsets.UTF_8))
                .post("/upload").then().statusCode(400);
    }

}

package io.microflask.staticfiles;

import io.microflask.App;
import io.microflask.Route;
import io.microflask.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticFilesTest {
    private static final String HELLO = "Hello, static world!\n";
    private final List<RunningServer> servers = new ArrayList<>();

    public static class Pages {
        @Route("/")
        public String index() {
            return "index";
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

    private RunningServer start() {
        return start(App.withoutExtensionDiscovery().register(new Pages()));
    }

    @Test
    void classpathFilesAreServedWithTypesAndValidators() {
        RunningServer server = start();
        io.restassured.response.Response hello = given().baseUri(server.url()).get("/static/hello.txt");
        hello.then().statusCode(200).contentType("text/plain; charset=utf-8").body(equalTo(HELLO))
                .header("ETag", notNullValue()).header("Last-Modified", notNullValue())
                .header("Accept-Ranges", "bytes").header("Cache-Control", "no-cache")
                .header("Content-Length", String.valueOf(HELLO.length()));
        given().baseUri(server.url()).get("/static/css/site.css").then().statusCode(200)
                .contentType("text/css; charset=utf-8");
        given().baseUri(server.url()).get("/static/app.js").then().statusCode(200)
                .contentType("text/javascript; charset=utf-8");
        given().baseUri(server.url()).head("/static/hello.txt").then().statusCode(200)
                .header("Content-Length", String.valueOf(HELLO.length())).body(emptyString());
        given().baseUri(server.url()).get("/static/missing.css").then().statusCode(404);
        given().baseUri(server.url()).get("/static/css").then().statusCode(404);
    }

    @Test
    void unchangedFilesAnswer304() {
        RunningServer server = start();
        io.restassured.response.Response first = given().baseUri(server.url()).get("/static/hello.txt");
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        given().baseUri(server.url()).header("If-None-Match", etag).get("/static/hello.txt").then().statusCode(304)
                .header("ETag", etag).header("Cache-Control", "no-cache").body(emptyString());
        given().baseUri(server.url()).header("If-None-Match", "\"other\", W/" + etag).get("/static/hello.txt")
                .then().statusCode(304);
        given().baseUri(server.url()).header("If-None-Match", "\"other\"").get("/static/hello.txt").then()
                .statusCode(200).body(equalTo(HELLO));
        given().baseUri(server.url()).header("If-Modified-Since", lastModified).get("/static/hello.txt").then()
                .statusCode(304);
        given().baseUri(server.url()).header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
                .get("/static/hello.txt").then().statusCode(200).body(equalTo(HELLO));
    }

    @Test
    void rangeRequestsAnswer206Or416() {
        RunningServer server = start();
        int size = HELLO.length();
        given().baseUri(server.url()).header("Range", "bytes=0-4").get("/static/hello.txt").then().statusCode(206)
                .header("Content-Range", "bytes 0-4/" + size).header("Content-Length", "5").body(equalTo("Hello"));
        given().baseUri(server.url()).header("Range", "bytes=-7").get("/static/hello.txt").then().statusCode(206)
                .header("Content-Range", "bytes " + (size - 7) + "-" + (size - 1) + "/" + size)
                .body(equalTo("world!\n"));
        given().baseUri(server.url()).header("Range", "bytes=7-").get("/static/hello.txt").then().statusCode(206)
                .body(equalTo(HELLO.substring(7)));
        given().baseUri(server.url()).header("Range", "bytes=7-1000").get("/static/hello.txt").then().statusCode(206)
                .header("Content-Range", "bytes 7-" + (size - 1) + "/" + size);
        given().baseUri(server.url()).header("Range", "bytes=100-200").get("/static/hello.txt").then()
                .statusCode(416).header("Content-Range", "bytes */" + size);
        given().baseUri(server.url()).header("Range", "bytes=0-1,3-4").get("/static/hello.txt").then()
                .statusCode(200).body(equalTo(HELLO));
        given().baseUri(server.url()).header("Range", "lines=1-2").get("/static/hello.txt").then()
                .statusCode(200).body(equalTo(HELLO));
        given().baseUri(server.url()).header("Range", "bytes=0-4").header("If-Range", "\"old-version\"")
                .get("/static/hello.txt").then().statusCode(200).body(equalTo(HELLO));
    }

    @Test
    void theTestClientGetsFilesFromDiskToo(@TempDir Path temp) throws IOException {
        Files.writeString(temp.resolve("note.txt"), "0123456789");
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().staticDirectory(temp);
        io.microflask.testing.TestClient client = app.testClient();
        assertEquals("0123456789", client.get("/static/note.txt").text());
        io.microflask.testing.TestResponse partial = client.request("GET", "/static/note.txt").header("Range", "bytes=2-4")
                .send();
        assertEquals(206, partial.status());
        assertEquals("234", partial.text());
        assertEquals("Hello, static world!\n", client.get("/static/hello.txt").text());
    }

    @Test
    void cacheControlFollowsTheSetting() {
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().staticMaxAge(Duration.ofHours(1));
        RunningServer server = start(app);
        given().baseUri(server.url()).get("/static/hello.txt").then().statusCode(200)
                .header("Cache-Control", "public, max-age=3600");
    }

    @Test
    void aDirectoryOnDiskIsServedFirstAndWithoutCopying(@TempDir Path temp) throws IOException {
        Path root = Files.createDirectories(temp.resolve("public"));
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        Files.write(root.resolve("big.bin"), big);
        Files.writeString(root.resolve("hello.txt"), "from disk");
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().staticDirectory(root);
        RunningServer server = start(app);
        given().baseUri(server.url()).get("/static/hello.txt").then().statusCode(200).body(equalTo("from disk"));
        given().baseUri(server.url()).get("/static/css/site.css").then().statusCode(200);
        byte[] whole = given().baseUri(server.url()).get("/static/big.bin").then().statusCode(200)
                .contentType("application/octet-stream").extract().asByteArray();
        assertTrue(java.util.Arrays.equals(big, whole));
        byte[] part = given().baseUri(server.url()).header("Range", "bytes=1000-1999").get("/static/big.bin").then()
                .statusCode(206).extract().asByteArray();
        assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(big, 1000, 2000), part));
        String etag = given().baseUri(server.url()).get("/static/big.bin").header("ETag");
        given().baseUri(server.url()).header("If-None-Match", etag).get("/static/big.bin").then().statusCode(304);
    }

    @Test
    void resourcesInsideAJarAreServedFromMemory(@TempDir Path temp) throws IOException {
        Path jar = temp.resolve("assets.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("static/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("static/jar.css"));
            out.write("p { margin: 0 }".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        App app;
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            app = App.withoutExtensionDiscovery().register(new Pages());
            Thread.currentThread().setContextClassLoader(previous);
            RunningServer server = start(app);
            String etag = given().baseUri(server.url()).get("/static/jar.css").then().statusCode(200)
                    .contentType("text/css; charset=utf-8").body(equalTo("p { margin: 0 }")).extract()
                    .header("ETag");
            given().baseUri(server.url()).header("If-None-Match", etag).get("/static/jar.css").then().statusCode(304);
            given().baseUri(server.url()).header("Range", "bytes=0-0").get("/static/jar.css").then().statusCode(206)
                    .body(equalTo("p"));
            given().baseUri(server.url()).get("/static/").then().statusCode(404);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Every way out of the static root ends in 404: sent raw, since HTTP clients normalise such paths. */
    @Test
    void pathTraversalIsImpossible(@TempDir Path temp) throws IOException {
        Path root = Files.createDirectories(temp.resolve("public"));
        Files.writeString(root.resolve("ok.txt"), "ok");
        Files.writeString(temp.resolve("secret.txt"), "TOP SECRET disk");
        Path outside = Files.writeString(temp.resolve("outside.txt"), "TOP SECRET link");
        try {
            Files.createSymbolicLink(root.resolve("link.txt"), outside);
        } catch (UnsupportedOperationException | IOException e) {
            // No symbolic links on this file system: the other paths still prove the point.
        }
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().staticDirectory(root);
        RunningServer server = start(app);
        assertEquals(200, rawGet(server, "/static/ok.txt").status());

        List<String> attacks = List.of(
                "/static/../secret.txt",
                "/static/css/../../secret.txt",
                "/static/%2e%2e/secret.txt",
                "/static/%2E%2E/secret.txt",
                "/static/.%2e/secret.txt",
                "/static/%2e%2e%2fsecret.txt",
                "/static/..%2fsecret.txt",
                "/static/css/..%2f..%2fsecret.txt",
                "/static/%2fetc%2fpasswd",
                "/static//etc/passwd",
                "/static/" + temp.resolve("secret.txt").toString().substring(1),
                "/static/%2f" + temp.resolve("secret.txt").toString().substring(1).replace("/", "%2f"),
                "/static/..\\secret.txt",
                "/static/..%5csecret.txt",
                "/static/%5c..%5csecret.txt",
                "/static/hello.txt%00.css",
                "/static/%00",
                "/static/C:/Windows/win.ini",
                "/static/C:%5cWindows%5cwin.ini",
                "/static/./hello.txt",
                "/static/%252e%252e/secret.txt",
                "/static/link.txt");
        for (String attack : attacks) {
            RawResponse response = rawGet(server, attack);
            assertEquals(404, response.status(), attack + " answered " + response.text());
            assertFalse(response.text().contains("TOP SECRET"), attack);
        }
    }

    @Test
    void anAppWithNothingRegisteredServesStaticFiles() {
        assertEquals("Hello, static world!\n", App.withoutExtensionDiscovery().testClient().get("/static/hello.txt")
                .text());
    }

    @Test
    void theSettingTurnsStaticFilesOff() {
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().serveStaticFiles(false);
        app.register();
        RunningServer server = start(app);
        given().baseUri(server.url()).get("/static/hello.txt").then().statusCode(404);
        assertThrows(IllegalArgumentException.class, () -> app.urlFor("static", Map.of("filename", "x")));
    }

    @Test
    void rangeHeadersAreParsedStrictly() {
        assertEquals(null, StaticFiles.parseRange("bytes=5-2", 10));
        assertEquals(null, StaticFiles.parseRange("bytes=a-b", 10));
        assertEquals(null, StaticFiles.parseRange("bytes=-", 10));
        assertTrue(StaticFiles.parseRange("bytes=-0", 10).length == 0);
        assertTrue(StaticFiles.parseRange("bytes=0-0", 0).length == 0);
        assertEquals(List.of(0L, 9L), List.of(StaticFiles.parseRange("bytes=-50", 10)[0],
                StaticFiles.parseRange("bytes=-50", 10)[1]));
    }

    record RawResponse(int status, String text) {
    }

    private static RawResponse rawGet(RunningServer server, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            return new RawResponse(status, text);
        }
    }
}

package io.microflask.staticfiles;

import io.microflask.App;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.TestClient;
import io.microflask.TestResponse;
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
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticFilesTest {
    private static final String HELLO = "Hello, static world!\n";

    public static class Pages {
        @Route("/")
        public String index() {
            return "index";
        }
    }

    private static TestClient client() {
        return App.withoutExtensionDiscovery().register(new Pages()).testClient();
    }

    private static TestResponse get(TestClient client, String path, String... headers) {
        TestClient.RequestBuilder request = client.request("GET", path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    private static void assertAnswer(TestResponse response, int status, String body) {
        assertEquals(status, response.status(), response.text());
        assertEquals(body, response.text());
    }

    @Test
    void classpathFilesAreServedWithTypesAndValidators() {
        TestClient client = client();
        TestResponse hello = client.get("/static/hello.txt");
        assertAnswer(hello, 200, HELLO);
        assertEquals("text/plain; charset=utf-8", hello.contentType());
        assertNotNull(hello.header("ETag"));
        assertNotNull(hello.header("Last-Modified"));
        assertEquals("bytes", hello.header("Accept-Ranges"));
        assertEquals("no-cache", hello.header("Cache-Control"));
        assertEquals(String.valueOf(HELLO.length()), hello.header("Content-Length"));
        TestResponse css = client.get("/static/css/site.css");
        assertEquals(200, css.status());
        assertEquals("text/css; charset=utf-8", css.contentType());
        TestResponse js = client.get("/static/app.js");
        assertEquals(200, js.status());
        assertEquals("text/javascript; charset=utf-8", js.contentType());
        TestResponse head = client.head("/static/hello.txt");
        assertEquals(200, head.status());
        assertEquals(String.valueOf(HELLO.length()), head.header("Content-Length"));
        assertEquals(0, head.body().length);
        assertEquals(404, client.get("/static/missing.css").status());
        assertEquals(404, client.get("/static/css").status());
    }

    @Test
    void unchangedFilesAnswer304() {
        TestClient client = client();
        TestResponse first = client.get("/static/hello.txt");
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        TestResponse notModified = get(client, "/static/hello.txt", "If-None-Match", etag);
        assertEquals(304, notModified.status());
        assertEquals(etag, notModified.header("ETag"));
        assertEquals("no-cache", notModified.header("Cache-Control"));
        assertEquals(0, notModified.body().length);
        assertEquals(304, get(client, "/static/hello.txt", "If-None-Match", "\"other\", W/" + etag).status());
        assertAnswer(get(client, "/static/hello.txt", "If-None-Match", "\"other\""), 200, HELLO);
        assertEquals(304, get(client, "/static/hello.txt", "If-Modified-Since", lastModified).status());
        assertAnswer(get(client, "/static/hello.txt", "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"), 200,
                HELLO);
    }

    @Test
    void rangeRequestsAnswer206Or416() {
        TestClient client = client();
        int size = HELLO.length();
        TestResponse first = get(client, "/static/hello.txt", "Range", "bytes=0-4");
        assertAnswer(first, 206, "Hello");
        assertEquals("bytes 0-4/" + size, first.header("Content-Range"));
        assertEquals("5", first.header("Content-Length"));
        TestResponse suffix = get(client, "/static/hello.txt", "Range", "bytes=-7");
        assertAnswer(suffix, 206, "world!\n");
        assertEquals("bytes " + (size - 7) + "-" + (size - 1) + "/" + size, suffix.header("Content-Range"));
        assertAnswer(get(client, "/static/hello.txt", "Range", "bytes=7-"), 206, HELLO.substring(7));
        TestResponse past = get(client, "/static/hello.txt", "Range", "bytes=7-1000");
        assertEquals(206, past.status());
        assertEquals("bytes 7-" + (size - 1) + "/" + size, past.header("Content-Range"));
        TestResponse unsatisfiable = get(client, "/static/hello.txt", "Range", "bytes=100-200");
        assertEquals(416, unsatisfiable.status());
        assertEquals("bytes */" + size, unsatisfiable.header("Content-Range"));
        TestResponse two = get(client, "/static/hello.txt", "Range", "bytes=0-1,3-4");
        assertEquals(206, two.status());
        assertTrue(two.contentType().startsWith("multipart/byteranges; boundary="), two.contentType());
        assertTrue(two.text().contains("Content-Range: bytes 3-4/" + size + "\r\n\r\nlo\r\n"), two.text());
        assertAnswer(get(client, "/static/hello.txt", "Range", "bytes=0-3,2-4"), 200, HELLO);
        assertAnswer(get(client, "/static/hello.txt", "Range", "lines=1-2"), 200, HELLO);
        assertAnswer(get(client, "/static/hello.txt", "Range", "bytes=0-4", "If-Range", "\"old-version\""), 200,
                HELLO);
    }

    @Test
    void theTestClientGetsFilesFromDiskToo(@TempDir Path temp) throws IOException {
        Files.writeString(temp.resolve("note.txt"), "0123456789");
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().staticDirectory(temp);
        TestClient client = app.testClient();
        assertEquals("0123456789", client.get("/static/note.txt").text());
        TestResponse partial = client.request("GET", "/static/note.txt").header("Range", "bytes=2-4").send();
        assertEquals(206, partial.status());
        assertEquals("234", partial.text());
        assertEquals("Hello, static world!\n", client.get("/static/hello.txt").text());
    }

    @Test
    void cacheControlFollowsTheSetting() {
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().staticMaxAge(Duration.ofHours(1));
        TestResponse hello = app.testClient().get("/static/hello.txt");
        assertEquals(200, hello.status());
        assertEquals("public, max-age=3600", hello.header("Cache-Control"));
    }

    /** Over a socket, since a file on disk goes out as a zero-copy file region there (in process, as chunks). */
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
        try (RunningServer server = app.start("127.0.0.1", 0)) {
            given().baseUri(server.url()).get("/static/hello.txt").then().statusCode(200).body(equalTo("from disk"));
            given().baseUri(server.url()).get("/static/css/site.css").then().statusCode(200);
            byte[] whole = given().baseUri(server.url()).get("/static/big.bin").then().statusCode(200)
                    .contentType("application/octet-stream").extract().asByteArray();
            assertTrue(java.util.Arrays.equals(big, whole));
            byte[] part = given().baseUri(server.url()).header("Range", "bytes=1000-1999").get("/static/big.bin")
                    .then().statusCode(206).extract().asByteArray();
            assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(big, 1000, 2000), part));
            String etag = given().baseUri(server.url()).get("/static/big.bin").header("ETag");
            given().baseUri(server.url()).header("If-None-Match", etag).get("/static/big.bin").then().statusCode(304);
        }
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
            TestClient client = app.testClient();
            TestResponse css = client.get("/static/jar.css");
            assertAnswer(css, 200, "p { margin: 0 }");
            assertEquals("text/css; charset=utf-8", css.contentType());
            String etag = css.header("ETag");
            assertEquals(304, get(client, "/static/jar.css", "If-None-Match", etag).status());
            assertAnswer(get(client, "/static/jar.css", "Range", "bytes=0-0"), 206, "p");
            assertEquals(404, client.get("/static/").status());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * A project as a build leaves it: {@code target/classes} (the classpath) copied from
     * {@code src/main/resources}. Debug mode serves the app's and a blueprint's static files from the
     * source, so an edit shows without a build; production serves the copy.
     */
    @Test
    void inDebugModeTheAppsAndABlueprintsStaticFilesComeFromTheirSourceFolders(@TempDir Path project)
            throws IOException {
        Path classes = project.resolve("target/classes");
        Path sources = project.resolve("src/main/resources");
        for (Path root : List.of(classes, sources)) {
            Files.createDirectories(root.resolve("static"));
            Files.createDirectories(root.resolve("admin/static"));
        }
        Files.writeString(classes.resolve("static/site.css"), "built app");
        Files.writeString(sources.resolve("static/site.css"), "edited app");
        Files.writeString(classes.resolve("admin/static/admin.css"), "built admin");
        Files.writeString(sources.resolve("admin/static/admin.css"), "edited admin");
        Files.writeString(classes.resolve("admin/static/only-built.css"), "only in the build");
        Files.writeString(sources.resolve("admin/static/.secret"), "a dotfile");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            App app = App.withoutExtensionDiscovery()
                    .register(new io.microflask.Blueprint("admin").staticFolder("admin/static"), "/admin");
            Thread.currentThread().setContextClassLoader(previous);
            TestClient client = app.testClient();

            assertAnswer(client.get("/static/site.css"), 200, "built app");
            assertAnswer(client.get("/admin/static/admin.css"), 200, "built admin");

            app.debug(true);
            assertAnswer(client.get("/static/site.css"), 200, "edited app");
            assertAnswer(client.get("/admin/static/admin.css"), 200, "edited admin");
            Files.writeString(sources.resolve("admin/static/admin.css"), "edited again");
            assertAnswer(client.get("/admin/static/admin.css"), 200, "edited again");
            assertAnswer(client.get("/admin/static/only-built.css"), 200, "only in the build");
            assertEquals(404, client.get("/admin/static/.secret").status());
            assertEquals(404, client.get("/admin/static/site.css").status()); // the app's folder is not the blueprint's

            app.debug(false);
            assertAnswer(client.get("/admin/static/admin.css"), 200, "built admin");
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
        try (RunningServer server = app.start("127.0.0.1", 0)) {
            assertEquals(200, rawGet(server, "/static/ok.txt").status());
            for (String attack : attacks) {
                RawResponse response = rawGet(server, attack);
                assertEquals(404, response.status(), attack + " answered " + response.text());
                assertFalse(response.text().contains("TOP SECRET"), attack);
            }
        }
    }

    @Test
    void dotfilesAreNotServedUnlessTheSettingSaysSoButWellKnownIs(@TempDir Path temp) throws IOException {
        Path root = Files.createDirectories(temp.resolve("public"));
        Files.writeString(root.resolve(".env"), "DATABASE_PASSWORD=hunter2");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[remote] url=secret");
        Files.createDirectories(root.resolve("css"));
        Files.writeString(root.resolve("css/.hidden"), "HIDDEN-CONTENT");
        Files.createDirectories(root.resolve(".well-known/acme-challenge"));
        Files.writeString(root.resolve(".well-known/security.txt"), "Contact: mailto:security@example.com");
        Files.writeString(root.resolve(".well-known/acme-challenge/token1"), "token1.thumb");
        Files.writeString(root.resolve(".well-known/.secret"), "NOT-WELL-KNOWN");
        Files.writeString(root.resolve("ok.txt"), "ok");
        App app = App.withoutExtensionDiscovery().register(new Pages());
        app.settings().staticDirectory(root);
        TestClient client = app.testClient();
        for (String hidden : List.of("/static/.env", "/static/%2eenv", "/static/.git/config", "/static/%2Egit/config",
                "/static/css/.hidden", "/static/.well-known/.secret", "/static/.well-known")) {
            TestResponse response = client.get(hidden);
            assertEquals(404, response.status(), hidden + " answered " + response.text());
            for (String content : List.of("hunter2", "url=secret", "HIDDEN-CONTENT", "NOT-WELL-KNOWN")) {
                assertFalse(response.text().contains(content), hidden + " gave away " + content);
            }
        }
        assertAnswer(client.get("/static/.well-known/security.txt"), 200, "Contact: mailto:security@example.com");
        assertAnswer(client.get("/static/.well-known/acme-challenge/token1"), 200, "token1.thumb");
        assertAnswer(client.get("/static/ok.txt"), 200, "ok");

        app.settings().serveDotfiles(true);
        assertAnswer(client.get("/static/.env"), 200, "DATABASE_PASSWORD=hunter2");
        assertAnswer(client.get("/static/.git/config"), 200, "[remote] url=secret");
        assertAnswer(client.get("/static/css/.hidden"), 200, "HIDDEN-CONTENT");
        assertEquals(404, client.get("/static/../ok.txt").status(), "'..' is still no way out");
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
        assertEquals(404, app.testClient().get("/static/hello.txt").status());
        assertThrows(IllegalArgumentException.class, () -> app.urlFor("static", Map.of("filename", "x")));
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

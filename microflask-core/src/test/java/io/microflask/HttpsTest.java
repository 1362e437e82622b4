package io.microflask;

import io.microflask.server.NettyServer;
import io.microflask.testsupport.Tls;
import io.microflask.tls.SelfSignedCertificates;
import io.microflask.tls.TlsIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS with the JDK's HttpClient: HTTP/2 by ALPN and HTTP/1.1, with the adhoc certificate and
 * with a PEM pair; every feature the same over both (routing, bodies, streams, files and ranges,
 * cookies), HSTS only when set, the redirect port.
 */
class HttpsTest {
    @TempDir
    Path folder;
    private RunningServer server;

    public static class Pages {
        @Route("/")
        public String index(Request request) {
            return "hello over " + request.scheme();
        }

        @Route("/items/<int:id>")
        public String item(int id) {
            return "item " + id;
        }

        @CsrfExempt // a raw byte echo for the transport tests, which send no browser headers
        @Route(value = "/echo", methods = {"POST"})
        public Response echo(Request request) {
            return Response.bytes(request.body());
        }

        @Route("/count")
        public Response count() {
            return Response.stream("text/plain; charset=utf-8", out -> {
                for (int i = 0; i < 1000; i++) {
                    out.write(i + "\n");
                }
            });
        }

        @Route("/cookie")
        public Response cookie(Request request) {
            String seen = request.cookies().get("flavour");
            return Response.text("seen " + seen).cookie("flavour", "oat");
        }

        @Route("/missing")
        public String missing() {
            throw new HttpException(404, "no such thing");
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private App app() {
        App app = new App().register(new Pages());
        app.settings().instancePath(folder.resolve("instance")).staticDirectory(folder.resolve("static"));
        return app;
    }

    private Path adhocCertificate() {
        return folder.resolve("instance").resolve(SelfSignedCertificates.CERTIFICATE_FILE);
    }

    private HttpResponse<byte[]> get(HttpClient client, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void adhocCertificateServesHttp2AndHttp11() throws Exception {
        App app = app();
        app.settings().adhocCertificate(true);
        server = app.start("127.0.0.1", 0);
        assertTrue(server.url().startsWith("https://127.0.0.1:"), server.url());
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
            HttpClient client = Tls.client(adhocCertificate(), version);
            HttpResponse<byte[]> index = get(client, "/");
            assertEquals(200, index.statusCode());
            assertEquals(version, index.version());
            assertEquals("hello over https", text(index));
            assertEquals("item 7", text(get(client, "/items/7")));
            assertEquals(404, get(client, "/missing").statusCode());
            assertFalse(index.headers().firstValue("strict-transport-security").isPresent(),
                    "no HSTS unless it is set");
        }
    }

    @Test
    void everyFeatureWorksOverHttp2() throws Exception {
        Path statics = Files.createDirectories(folder.resolve("static"));
        byte[] file = new byte[300_000];
        new Random(16).nextBytes(file);
        Files.write(statics.resolve("data.bin"), file);
        App app = app();
        app.settings().adhocCertificate(true);
        server = app.start("127.0.0.1", 0);
        HttpClient client = Tls.client(adhocCertificate(), HttpClient.Version.HTTP_2);

        byte[] upload = new byte[200_000];
        new Random(61).nextBytes(upload);
        HttpResponse<byte[]> echoed = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(HttpClient.Version.HTTP_2, echoed.version());
        assertArrayEquals(upload, echoed.body());

        HttpResponse<byte[]> streamed = get(client, "/count");
        assertEquals(HttpClient.Version.HTTP_2, streamed.version());
        String[] lines = text(streamed).split("\n");
        assertEquals(1000, lines.length);
        assertEquals("999", lines[999]);

        HttpResponse<byte[]> whole = get(client, "/static/data.bin");
        assertEquals(200, whole.statusCode());
        assertArrayEquals(file, whole.body());
        HttpResponse<byte[]> range = get(client, "/static/data.bin", "Range", "bytes=1000-1999");
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, 1000, 2000), range.body());

        HttpResponse<byte[]> first = get(client, "/cookie");
        assertTrue(first.headers().allValues("set-cookie").stream().anyMatch(c -> c.startsWith("flavour=oat")));
        assertEquals("seen oat", text(get(client, "/cookie", "Cookie", "flavour=oat")));

        // Many requests at once share one connection as streams.
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> concurrent = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            concurrent.add(client.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "/items/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 50; i++) {
            assertEquals("item " + i, concurrent.get(i).get().body());
        }
    }

    @Test
    void aPemPairServesHttps() throws Exception {
        TlsIdentity identity = SelfSignedCertificates.generate(List.of("localhost", "127.0.0.1"), Instant.now(),
                Duration.ofDays(30));
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        SelfSignedCertificates.write(identity, cert, key);
        App app = app();
        app.settings().certificate(cert, key);
        server = app.start("127.0.0.1", 0);
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
            HttpResponse<byte[]> index = get(Tls.client(cert, version), "/");
            assertEquals(version, index.version());
            assertEquals("hello over https", text(index));
        }
    }

    /** A fixture of src/test/resources/tls (made by openssl with its make.sh). */
    private static Path fixture(String name) throws Exception {
        return Path.of(HttpsTest.class.getResource("/tls/" + name).toURI());
    }

    @Test
    void pemPairsMadeByOpensslServeHttpsWithTheirChain() throws Exception {
        // RSA in PKCS#1 and EC in SEC1, each signed by a test CA; the client trusts the CA alone.
        for (String kind : List.of("rsa", "ec")) {
            App app = app();
            app.settings().certificate(fixture(kind + "-fullchain.pem"), fixture(kind + "-key.pem"));
            server = app.start("127.0.0.1", 0);
            try {
                for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
                    HttpResponse<byte[]> index = get(Tls.client(fixture("ca.pem"), version), "/");
                    assertEquals(200, index.statusCode(), kind);
                    assertEquals(version, index.version(), kind);
                    assertEquals("hello over https", text(index), kind);
                    assertEquals("item 5", text(get(Tls.client(fixture("ca.pem"), version), "/items/5")), kind);
                }
            } finally {
                server.close();
                server = null;
            }
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        App app = app();
        app.settings().adhocCertificate(true);
        server = app.start("127.0.0.1", 0);
        // Trusting another CA only: the handshake fails, and the server still answers a trusting client.
        HttpClient stranger = Tls.client(fixture("ca.pem"), HttpClient.Version.HTTP_2);
        assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> get(stranger, "/"));
        assertEquals(200, get(Tls.client(adhocCertificate(), HttpClient.Version.HTTP_2), "/").statusCode());
    }

    /** The Strict-Transport-Security header of {@code GET /} over TLS with {@code Host: host}, or null. */
    private String hstsFor(java.nio.file.Path trusted, String host) throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) Tls.trusting(trusted).getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            for (String line : answer.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("strict-transport-security:")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
            return null;
        }
    }

    @Test
    void strictTransportSecurityOverHttpsForANameNeverForAnAddressOrTheAdhocCertificate() throws Exception {
        App app = app();
        app.settings().certificate(fixture("rsa-fullchain.pem"), fixture("rsa-key.pem"));
        server = app.start("127.0.0.1", 0);
        assertEquals("max-age=31536000", hstsFor(fixture("ca.pem"), "app.example.test"));
        for (HttpClient.Version version : List.of(HttpClient.Version.HTTP_2, HttpClient.Version.HTTP_1_1)) {
            HttpResponse<byte[]> index = get(Tls.client(fixture("ca.pem"), version), "/");
            assertEquals(null, index.headers().firstValue("strict-transport-security").orElse(null),
                    "browsers ignore HSTS for an IP address (RFC 6797 8.1), so none is sent");
        }
        server.close();

        App adhoc = app();
        adhoc.settings().adhocCertificate(true);
        server = adhoc.start("127.0.0.1", 0);
        assertEquals(null, hstsFor(adhocCertificate(), "app.example.test"),
                "a development certificate must not pin a name to HTTPS in the browser for a year");
    }

    @WebSocket("/ws/echo")
    public static class SecureEcho {
        @OnMessage
        public String echo(WebSocketConnection connection, String text) {
            return (connection.request().isSecure() ? "secure " : "plain ") + text;
        }
    }

    @Test
    void webSocketsWorkOverTls() throws Exception {
        App app = app().register(new SecureEcho());
        app.settings().certificate(fixture("rsa-fullchain.pem"), fixture("rsa-key.pem"));
        server = app.start("127.0.0.1", 0);
        try (io.microflask.testsupport.JdkWebSocket socket = io.microflask.testsupport.JdkWebSocket.openSecure(
                server.port(), "/ws/echo", Tls.trusting(fixture("ca.pem")))) {
            assertEquals("secure hello", socket.sendText("hello").nextText());
            assertEquals(1000, socket.sendClose(1000, "bye").nextClose().code());
        }
        assertEquals(200, get(Tls.client(fixture("ca.pem"), HttpClient.Version.HTTP_2), "/").statusCode());
    }

    @Test
    void theRedirectPortSendsPlainHttpToHttps() throws Exception {
        App app = app();
        app.settings().adhocCertificate(true).httpRedirectPort(0);
        server = app.start("127.0.0.1", 0);
        int redirectPort = ((NettyServer) server).redirectPort();
        assertTrue(redirectPort > 0);
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> redirect = plain.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + redirectPort + "/items/3?x=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, redirect.statusCode());
        assertEquals("https://127.0.0.1:" + server.port() + "/items/3?x=1",
                redirect.headers().firstValue("location").orElse(null));
    }

    @Test
    void withoutACertificateTheServerStaysCleartext() throws Exception {
        server = app().start("127.0.0.1", 0);
        assertTrue(server.url().startsWith("http://"));
        HttpResponse<String> index = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("hello over http", index.body());
    }
}

package io.microflask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host a request is for, over a real socket: a Host that is not a valid {@code host[:port]}
 * is a 400 before any handler runs, so redirects and external URLs never reflect junk; an
 * absolute-form target's authority wins over the Host header (RFC 9112 3.2.2); and with
 * {@code trustedHosts} set, any other host (or forwarded host) is a 400 that names the setting.
 */
class HostHeaderTest {
    private RunningServer server;
    private final AtomicInteger handled = new AtomicInteger();

    public class Probe {
        @Route("/whoami")
        public String whoami(Request request) {
            handled.incrementAndGet();
            return request.host() + " " + request.uri() + " " + request.url();
        }

        @Route("/old")
        public Response old(Request request) {
            handled.incrementAndGet();
            return Response.redirect(request.baseUrl() + "/new");
        }

        @Route("/link")
        public String link(Request request) {
            handled.incrementAndGet();
            return request.urlFor("probe.whoami", Map.of(), true);
        }
    }

    private int start(boolean debug, Consumer<Settings> settings) {
        App app = new App();
        settings.accept(app.settings());
        server = app.register(new Probe()).start("127.0.0.1", 0, debug);
        return server.port();
    }

    private int start(Consumer<Settings> settings) {
        return start(false, settings);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** One request on its own connection; the whole answer (the connection is closed after it). */
    private static String exchange(int port, String head) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.send(head + "Connection: close\r\n\r\n").readUntilClosed();
        }
    }

    private static String get(int port, String path, String host) throws IOException {
        return exchange(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
    }

    private static int status(String answer) {
        List<Integer> statuses = RawHttp.statuses(answer);
        assertEquals(1, statuses.size(), answer);
        return statuses.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example/<script>", "a@evil.example", "evil.example:80x", "a b", "[::1",
            "[::1]x", "[evil.example]", "example.com:99999", "example.com:", "%65vil.example", "evil.example;x=1",
            "\"evil.example\"", "évil.example"})
    void aHostThatIsNotAValidHostAndPortIsA400AndNoHandlerRuns(String host) throws IOException {
        int port = start(settings -> { });
        for (String path : List.of("/whoami", "/old", "/link")) {
            String answer = get(port, path, host);
            assertEquals(400, status(answer), answer);
            assertTrue(answer.contains("The Host header is not a valid host[:port]"), answer);
            assertFalse(answer.contains("Location:"), answer);
            assertFalse(answer.contains("evil.example"), "the junk is not reflected: " + answer);
        }
        assertEquals(0, handled.get());
        // The server goes on answering well-formed requests.
        assertEquals(200, status(get(port, "/whoami", "example.com")));
    }

    @Test
    void aHostRememberedAsValidDoesNotLetTheNextBadOneThrough() throws IOException {
        // The parser remembers the last valid Host to skip re-parsing it; alternate to show it decides afresh.
        int port = start(settings -> { });
        for (int i = 0; i < 3; i++) {
            assertEquals(200, status(get(port, "/whoami", "example.com")));
            assertEquals(400, status(get(port, "/whoami", "example.com:80x")));
            assertEquals(400, status(get(port, "/whoami", "example.com/x")));
        }
        assertEquals(200, status(get(port, "/whoami", "example.org:8080")));
        assertEquals(200, status(get(port, "/whoami", "example.com")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "EXAMPLE.com:8080", "127.0.0.1", "127.0.0.1:5000", "[::1]", "[::1]:5000",
            "[2001:db8::1]:443", "my_service", "localhost:1"})
    void validHostsAreAnsweredAndReflectedAsSent(String host) throws IOException {
        int port = start(settings -> { });
        String answer = get(port, "/old", host);
        assertEquals(302, status(answer), answer);
        assertTrue(answer.contains("Location: http://" + host + "/new\r\n"), answer);
    }

    @Test
    void anAbsoluteFormTargetsAuthorityWinsOverTheHostHeader() throws IOException {
        int port = start(settings -> { });
        String answer = get(port, "http://app.example:8080/whoami?x=1", "other.example");
        assertEquals(200, status(answer), answer);
        assertTrue(answer.endsWith("app.example:8080 /whoami?x=1 http://app.example:8080/whoami?x=1"), answer);
        // The scheme is case-insensitive; a target without a path is "/".
        answer = get(port, "HTTP://app.example/whoami", "other.example");
        assertTrue(answer.endsWith("app.example /whoami http://app.example/whoami"), answer);
        answer = get(port, "http://app.example?x=1", "other.example");
        assertEquals(404, status(answer), answer);
        // Redirects and external URLs use it too.
        answer = get(port, "http://app.example/old", "other.example");
        assertTrue(answer.contains("Location: http://app.example/new\r\n"), answer);
        answer = get(port, "https://app.example/link", "other.example");
        assertTrue(answer.endsWith("http://app.example/whoami"), answer);
        // Even a junk Host header is ignored then, as RFC 9112 says.
        answer = get(port, "http://app.example/whoami", "junk/<x>");
        assertEquals(200, status(answer), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://a@evil.example/whoami", "http:///whoami", "http://evil.example<x>/whoami",
            "http://:80/whoami"})
    void anAbsoluteFormTargetWithABadAuthorityIsA400(String target) throws IOException {
        int port = start(settings -> { });
        String answer = get(port, target, "example.com");
        assertEquals(400, status(answer), answer);
        assertTrue(answer.contains("The authority of the absolute-form request target is not a valid host[:port]"),
                answer);
        assertEquals(0, handled.get());
    }

    @Test
    void withTrustedHostsEveryOtherHostIsA400NamingTheSetting() throws IOException {
        int port = start(settings -> settings.trustedHosts("example.com", ".example.org", "api.example.net:8443"));
        for (String host : List.of("example.com", "EXAMPLE.COM:5000", "example.org", "www.example.org",
                "a.b.example.org:80", "api.example.net:8443")) {
            assertEquals(200, status(get(port, "/whoami", host)), host);
        }
        assertEquals(6, handled.get());
        for (String host : List.of("evil.example", "notexample.com", "example.com.evil.example", "xexample.org",
                "api.example.net", "api.example.net:8080", "localhost", "127.0.0.1:" + port)) {
            String answer = get(port, "/old", host);
            assertEquals(400, status(answer), host + ": " + answer);
            assertTrue(answer.contains("settings().trustedHosts(...)") && answer.contains("MICROFLASK_TRUSTED_HOSTS"),
                    answer);
            assertFalse(answer.contains("Location:"), answer);
        }
        // The absolute-form authority is the one checked.
        assertEquals(400, status(get(port, "http://evil.example/whoami", "example.com")));
        assertEquals(200, status(get(port, "http://example.com/whoami", "evil.example")));
        // HTTP/1.0 without a Host is taken as localhost, which is not trusted here.
        assertEquals(400, status(exchange(port, "GET /whoami HTTP/1.0\r\n")));
        assertEquals(7, handled.get());
    }

    @Test
    void aForwardedHostFromATrustedProxyIsCheckedToo() throws IOException {
        int port = start(settings -> settings.trustedProxies("127.0.0.1").trustedHosts("shop.example.com"));
        String good = exchange(port, "GET /old HTTP/1.1\r\nHost: 10.0.0.2:8080\r\nX-Forwarded-Host: shop.example.com\r\n"
                + "X-Forwarded-Proto: https\r\n");
        assertTrue(good.contains("Location: https://shop.example.com/new\r\n"), good);
        String evil = exchange(port, "GET /old HTTP/1.1\r\nHost: shop.example.com\r\nX-Forwarded-Host: evil.example\r\n");
        assertEquals(400, status(evil), evil);
        String forwarded = exchange(port, "GET /old HTTP/1.1\r\nHost: shop.example.com\r\n"
                + "Forwarded: for=203.0.113.7;host=evil.example\r\n");
        assertEquals(400, status(forwarded), forwarded);
    }

    @Test
    void inDebugModeOnLoopbackTheLoopbackNamesAreAllowedToo() throws IOException {
        int port = start(true, settings -> settings.trustedHosts("example.com"));
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "localhost", "example.com")) {
            assertEquals(200, status(get(port, "/whoami", host)), host);
        }
        assertEquals(400, status(get(port, "/whoami", "evil.example")));
        assertEquals(400, status(get(port, "/whoami", "127.0.0.2")));
    }

    @Test
    void inProductionModeTheLoopbackNamesAreNotAddedToTrustedHosts() throws IOException {
        int port = start(settings -> settings.trustedHosts("example.com"));
        assertEquals(400, status(get(port, "/whoami", "localhost:" + port)));
        assertEquals(400, status(get(port, "/whoami", "127.0.0.1:" + port)));
    }

    @Test
    void badTrustedHostEntriesAreRejectedNamingTheSettingAndNoEntryLiftsIt() {
        Settings settings = new App().settings();
        for (String bad : List.of("https://example.com", "*.example.com", "example.com/", "a@example.com", "", ".",
                ".[::1]", "example.com:http")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.trustedHosts(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("settings().trustedHosts(...): '" + bad + "'"), e.getMessage());
        }
        assertEquals(List.of("example.com", ".example.org", "example.net:8443", "[2001:db8::1]"),
                settings.trustedHosts("Example.COM", ".example.org", "example.net:8443", "[2001:DB8::1]").trustedHosts());
        assertFalse(settings.isTrustedHost("evil.example"));
        assertEquals(4, settings.trustedHosts().size());
        assertTrue(settings.trustedHosts(List.of()).isTrustedHost("evil.example"));
    }
}

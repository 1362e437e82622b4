package io.microflask;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flask's test client features: redirects, JSON, files, session transactions, a browser's cookie jar. */
class TestClientFeaturesTest {
    private static final String KEY = "test-client-features-key-0123456789abcdef";

    public static class Site {
        @Route(value = "/login", methods = "POST")
        public Response login(Request request, Session session) {
            session.put("user", request.requireForm("name"));
            return Response.redirect("/home", 303);
        }

        @Route("/home")
        public String home(Session session) {
            return "home of " + session.getString("user");
        }

        @Route("/loop")
        public Response loop() {
            return Response.redirect("/loop");
        }

        @Route(value = "/keep", methods = "POST")
        public Response keep() {
            return Response.redirect("/echo", 307);
        }

        @Route(value = "/echo", methods = {"GET", "POST"})
        public String echo(Request request) {
            return request.method() + " " + request.text();
        }

        @Route(value = "/api/sum", methods = "POST")
        public Response sum(Request request) {
            Object parsed = io.microflask.util.JsonValues.parse(request.text());
            Map<?, ?> body = (Map<?, ?>) parsed;
            long total = 0;
            for (Object n : (List<?>) body.get("numbers")) {
                total += ((Number) n).longValue();
            }
            Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("total", total);
            answer.put("items", List.of(Map.of("name", body.get("name"))));
            answer.put("ok", true);
            answer.put("none", null);
            return Response.text(io.microflask.util.JsonValues.encode(answer)).contentType("application/json")
                    .header("X-Type", request.contentType());
        }

        @Route(value = "/upload", methods = "POST")
        public String upload(@Form("title") String title, @Form("doc") UploadedFile doc) {
            return title + ": " + doc.filename() + " " + doc.contentType() + " "
                    + new String(doc.bytes(), StandardCharsets.UTF_8);
        }

        @Route("/set")
        public Response set() {
            return Response.text("set")
                    .cookie(new Cookie("everywhere", "1").path("/"))
                    .cookie(new Cookie("adminOnly", "2").path("/admin"))
                    .cookie(new Cookie("secureOne", "3").path("/").secure(true))
                    .cookie(new Cookie("shortLived", "4").path("/").maxAge(Duration.ofSeconds(60)))
                    .cookie(new Cookie("wide", "5").path("/").domain("example.com"));
        }

        @Route("/admin/cookies")
        public String adminCookies(Request request) {
            return new java.util.TreeMap<>(request.cookies()).toString();
        }

        @Route("/cookies")
        public String cookies(Request request) {
            return new java.util.TreeMap<>(request.cookies()).toString();
        }
    }

    private static App app() {
        App app = new App().register(new Site());
        app.settings().secretKey(KEY);
        return app;
    }

    @Test
    void followsRedirectsKeepingCookiesAndHistory() {
        TestClient client = app().testClient();
        TestResponse page = client.post("/login").form("name", "ada").followRedirects().send();
        assertEquals(200, page.status());
        assertEquals("home of ada", page.text());
        assertEquals("/home", page.url());
        assertEquals(1, page.history().size());
        assertEquals(303, page.history().get(0).status());
        // Without followRedirects the redirect itself is the answer.
        assertEquals(303, client.post("/login").form("name", "bob").send().status());
    }

    @Test
    void redirect307KeepsMethodAndBodyAnd303BecomesGet() {
        TestClient client = app().testClient();
        assertEquals("POST payload", client.post("/keep").body("text/plain", "payload").followRedirects().send().text());
        IllegalStateException loop = assertThrows(IllegalStateException.class,
                () -> client.request("GET", "/loop").followRedirects().send());
        assertTrue(loop.getMessage().contains("redirected more than 20 times"), loop.getMessage());
    }

    @Test
    void jsonBodiesAndTheAnswerAsATree() {
        TestClient client = app().testClient();
        TestResponse response = client.post("/api/sum").json(Map.of("name", "x&\"y\"", "numbers", List.of(1, 2, 39)))
                .send();
        assertEquals("application/json", response.header("X-Type"));
        assertEquals(42L, response.json("total"));
        assertEquals("x&\"y\"", ((Map<?, ?>) ((List<?>) response.json("items")).get(0)).get("name"));
        assertEquals("x&\"y\"", response.json("items.0.name"));
        assertEquals(Boolean.TRUE, response.json("ok"));
        assertNull(response.json("none"));
        assertTrue(response.json() instanceof Map);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> response.json("items.3"));
        assertTrue(missing.getMessage().contains("'items.3'"), missing.getMessage());
        IllegalStateException notJson = assertThrows(IllegalStateException.class, () -> client.get("/home").json());
        assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());
    }

    @Test
    void multipartFilesWithFields() {
        TestClient client = app().testClient();
        TestResponse response = client.post("/upload").form("title", "Report")
                .file("doc", "notes 1.txt", "text/plain", "hello, world".getBytes(StandardCharsets.UTF_8)).send();
        assertEquals(200, response.status(), response.text());
        assertEquals("Report: notes 1.txt text/plain hello, world", response.text());
    }

    @Test
    void sessionTransactionSetsAndReadsTheSignedSession() {
        TestClient client = app().testClient();
        assertTrue(client.session().isEmpty());
        client.sessionTransaction(session -> session.put("user", "grace"));
        assertEquals("home of grace", client.get("/home").text());
        client.post("/login").form("name", "ada").send();
        assertEquals("ada", client.session().getString("user"));
        client.sessionTransaction(session -> {
            assertEquals("ada", session.getString("user"));
            session.clear();
        });
        assertEquals("home of null", client.get("/home").text());
        // What the transaction wrote is a real signed cookie: another app's key does not accept it.
        client.sessionTransaction(session -> session.put("user", "eve"));
        App other = new App().register(new Site());
        other.settings().secretKey("another-key-entirely-0123456789abcdef");
        TestClient stranger = other.testClient();
        stranger.setCookie(app().settings().sessionCookieName(), client.cookie(app().settings().sessionCookieName()));
        assertEquals("home of null", stranger.get("/home").text());
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static TestClient clientWith(Clock clock) {
        return app().testClient(clock);
    }

    @Test
    void cookiesAreKeptByPathDomainSecureAndExpiry() {
        MovableClock clock = new MovableClock();
        TestClient client = clientWith(clock);
        client.get("/set");
        // Path: adminOnly goes to /admin/... only.
        assertEquals("{everywhere=1, secureOne=3, shortLived=4}", client.get("/cookies").text());
        assertEquals("{adminOnly=2, everywhere=1, secureOne=3, shortLived=4}", client.get("/admin/cookies").text());
        // Domain: a cookie for example.com set by localhost is refused, as a browser refuses it.
        assertTrue(client.cookieJar().stream().noneMatch(c -> c.startsWith("wide=")), client.cookieJar().toString());
        // Host-only: localhost's cookies do not go to another host.
        assertEquals("{}", client.get("http://other.test/cookies").text());
        // Expiry: gone once Max-Age has passed.
        clock.now = clock.now.plusSeconds(61);
        assertEquals("{everywhere=1, secureOne=3}", client.get("/cookies").text());
    }

    @Test
    void domainCookiesReachSubdomainsAndSecureOnesOnlyHttps() {
        TestClient client = clientWith(new MovableClock());
        client.get("http://example.com/set");
        assertEquals("{everywhere=1, shortLived=4, wide=5}", client.get("http://example.com/cookies").text());
        assertEquals("{wide=5}", client.get("http://www.example.com/cookies").text());
        assertEquals("{everywhere=1, secureOne=3, shortLived=4, wide=5}",
                client.get("https://example.com/cookies").text());
        assertEquals("{}", client.get("http://notexample.com/cookies").text());
    }

    @Test
    void expiredAndDeletedCookiesAreDropped() {
        TestClient client = app().testClient();
        client.setCookie("a", "1").setCookie("b", "2");
        assertEquals(Map.of("a", "1", "b", "2"), client.cookies());
        client.setCookie(new Cookie("a", "x").path("/").maxAge(Duration.ZERO));
        client.deleteCookie("b");
        assertEquals(Map.of(), client.cookies());
    }
}

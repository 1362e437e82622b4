package io.microflask;

import io.microflask.util.Html;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing as HTTP sees it, through the whole pipeline in process (the test client): converters,
 * 404, 405, 308, HEAD, OPTIONS, prefixes, binding.
 */
class RoutingHttpTest {
    public static class Pages {
        @Route("/")
        public String index() {
            return "<h1>home</h1>";
        }

        @Route("/users/<int:id>")
        public String user(int id) {
            return "user " + id + " (" + ((Object) id).getClass().getSimpleName() + ")";
        }

        @Route("/big/<int:id>")
        public String big(long id) {
            return "big " + id;
        }

        @Route("/price/<float:amount>")
        public String price(double amount) {
            return "price " + amount;
        }

        @Route("/files/<path:rest>")
        public String file(String rest) {
            return "file " + rest;
        }

        @Route("/keys/<uuid:key>")
        public String key(UUID key) {
            return "key " + key;
        }

        @Route("/hello/<name>")
        public String hello(@PathVar("name") String who) {
            return "hello " + Html.escape(who);
        }

        @Route("/docs/")
        public String docs() {
            return "docs";
        }

        @Route("/about")
        public String about() {
            return "about";
        }

        @Route(value = "/items", methods = {"POST", "PUT"})
        public Response create(Request request) {
            return new Response(201).contentType(Response.TEXT_UTF8).body(request.method() + ":" + request.text());
        }

        @Route("/search")
        public String search(@Query("q") String q, @Query(value = "page", defaultValue = "1") int page,
                             @Query(value = "tag") List<String> tags) {
            return q + "|" + page + "|" + tags;
        }

        @Route("/bytes")
        public byte[] bytes() {
            return new byte[]{1, 2, 3};
        }

        @Route(value = "/nothing", methods = "DELETE")
        public void nothing() {
        }

        @Route("/agent")
        public String agent(@Header("User-Agent") String agent) {
            return "agent " + agent;
        }

        @Route("/abort")
        public String abort() {
            throw HttpException.abort(418, "I am a teapot, and I refuse.");
        }

        @Route("/crash")
        public String crash() {
            throw new IllegalStateException("secret internal detail");
        }
    }

    @Route("/api/v1")
    public static class Api {
        @Route("/status")
        public String status() {
            return "api ok";
        }

        @Route("/")
        public String root() {
            return "api root";
        }
    }

    private final TestClient client = new App().register(new Pages(), new Api()).testClient();

    private static void assertAnswer(TestResponse response, int status, String body) {
        assertEquals(status, response.status(), response.text());
        assertEquals(body, response.text());
    }

    private static void assertContains(TestResponse response, String part) {
        assertTrue(response.text().contains(part), "expected '" + part + "' in: " + response.text());
    }

    @Test
    void stringIsHtml() {
        TestResponse home = client.get("/");
        assertAnswer(home, 200, "<h1>home</h1>");
        assertEquals("text/html; charset=utf-8", home.contentType());
    }

    @Test
    void everyConverter() {
        assertAnswer(client.get("/users/42"), 200, "user 42 (Integer)");
        assertEquals(404, client.get("/users/abc").status());
        assertAnswer(client.get("/big/12345678901"), 200, "big 12345678901");
        assertAnswer(client.get("/price/9.75"), 200, "price 9.75");
        assertEquals(404, client.get("/price/9").status());
        assertAnswer(client.get("/files/a/b/c.txt"), 200, "file a/b/c.txt");
        UUID uuid = UUID.randomUUID();
        assertAnswer(client.get("/keys/" + uuid), 200, "key " + uuid);
        assertEquals(404, client.get("/keys/not-a-uuid").status());
        assertAnswer(client.get("/hello/%3Cb%3E"), 200, "hello &lt;b&gt;");
    }

    @Test
    void intOutOfRangeForAnIntParameterIsNotFound() {
        assertEquals(404, client.get("/users/99999999999").status());
    }

    @Test
    void unknownPathIs404() {
        TestResponse missing = client.get("/missing");
        assertEquals(404, missing.status());
        assertContains(missing, "404 Not Found");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        TestResponse delete = client.delete("/");
        assertEquals(405, delete.status());
        assertEquals("GET, HEAD, OPTIONS", delete.header("Allow"));
        TestResponse get = client.get("/items");
        assertEquals(405, get.status());
        assertEquals("OPTIONS, POST, PUT", get.header("Allow"));
    }

    @Test
    void optionsAnswersAllow() {
        TestResponse options = client.request("OPTIONS", "/items").send();
        assertEquals(200, options.status());
        assertEquals("OPTIONS, POST, PUT", options.header("Allow"));
    }

    @Test
    void headHasHeadersButNoBody() {
        TestResponse head = client.head("/");
        assertEquals(200, head.status());
        assertEquals("13", head.header("Content-Length"));
        assertEquals("text/html; charset=utf-8", head.contentType());
        assertEquals(0, head.body().length);
    }

    @Test
    void trailingSlashRedirectsWith308AndKeepsTheQuery() {
        TestResponse redirect = client.get("/docs?x=1");
        assertEquals(308, redirect.status());
        assertEquals("/docs/?x=1", redirect.header("Location"));
        assertAnswer(client.get("/docs/"), 200, "docs");
        assertEquals(404, client.get("/about/").status());
    }

    @Test
    void classPrefix() {
        assertAnswer(client.get("/api/v1/status"), 200, "api ok");
        assertAnswer(client.get("/api/v1/"), 200, "api root");
        TestResponse redirect = client.get("/api/v1");
        assertEquals(308, redirect.status());
        assertEquals("/api/v1/", redirect.header("Location"));
    }

    @Test
    void bodyAndMethodReachTheHandler() {
        assertAnswer(client.post("/items", "text/plain", "payload"), 201, "POST:payload");
        assertAnswer(client.put("/items", "text/plain", "other"), 201, "PUT:other");
    }

    @Test
    void queryArgumentsConvertAndBadOnesAre400NamingTheParameter() {
        assertAnswer(client.get("/search?q=cats&tag=a&tag=b"), 200, "cats|1|[a, b]");
        assertAnswer(client.get("/search?q=dogs&page=3"), 200, "dogs|3|[]");
        TestResponse badPage = client.get("/search?q=dogs&page=three");
        assertEquals(400, badPage.status());
        assertContains(badPage, "query argument &#39;page&#39; must be an integer, got &#39;three&#39;");
        TestResponse noQuery = client.get("/search");
        assertEquals(400, noQuery.status());
        assertContains(noQuery, "missing query argument &#39;q&#39;");
    }

    @Test
    void headerBinding() {
        assertAnswer(client.request("GET", "/agent").header("User-Agent", "tester/1.0").send(), 200,
                "agent tester/1.0");
    }

    @Test
    void bytesAndVoid() {
        TestResponse bytes = client.get("/bytes");
        assertEquals(200, bytes.status());
        assertEquals("application/octet-stream", bytes.contentType());
        TestResponse nothing = client.delete("/nothing");
        assertEquals(204, nothing.status());
        assertNull(nothing.contentType());
    }

    @Test
    void abortAnswersItsStatusAndMessage() {
        TestResponse teapot = client.get("/abort");
        assertEquals(418, teapot.status());
        assertContains(teapot, "I am a teapot, and I refuse.");
    }

    @Test
    void handlerExceptionIsAPlain500ThatRevealsNothing() {
        TestResponse crash = client.get("/crash");
        assertEquals(500, crash.status());
        assertContains(crash, "500 Internal Server Error");
        assertFalse(crash.text().contains("secret internal detail"), crash.text());
        assertFalse(crash.text().contains("IllegalStateException"), crash.text());
    }
}

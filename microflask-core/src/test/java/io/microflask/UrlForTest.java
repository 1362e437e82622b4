package io.microflask;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlForTest {
    private final App app = App.withoutExtensionDiscovery().register(new Echo(), new Blog());
    private final TestClient client = app.testClient();

    public static class Echo {
        @Route("/")
        public String index() {
            return "index";
        }

        @Route("/s/<name>")
        public String string(String name) {
            return "string:" + name;
        }

        @Route("/i/<int:id>")
        public String integer(long id) {
            return "int:" + id;
        }

        @Route("/f/<float:x>")
        public String floating(double x) {
            return "float:" + x;
        }

        @Route("/p/<path:rest>")
        public String path(String rest) {
            return "path:" + rest;
        }

        @Route("/u/<uuid:key>")
        public String uuid(UUID key) {
            return "uuid:" + key;
        }

        @Route(value = "/search/", endpoint = "search")
        public String search(Request request) {
            return "search:" + request.queryAll("q") + ":" + request.query("page");
        }
    }

    @Route(value = "/blog", endpoint = "blog")
    public static class Blog {
        @Route("/")
        public String index(Request request) {
            return request.urlFor(".post", Map.of("slug", "hello world")) + " "
                    + request.urlFor("echo.integer", Map.of("id", 7), true);
        }

        @Route("/<slug>")
        public String post(String slug) {
            return "post:" + slug;
        }
    }

    private void roundTrip(String endpoint, Map<String, ?> values, String expectedUrl, String expectedBody) {
        String url = app.urlFor(endpoint, values);
        assertEquals(expectedUrl, url);
        TestResponse response = client.get(url);
        assertEquals(200, response.status(), url + ": " + response.text());
        assertEquals(expectedBody, response.text(), url);
    }

    @Test
    void urlsRoundTripThroughEveryConverter() {
        roundTrip("echo.index", Map.of(), "/", "index");
        roundTrip("echo.string", Map.of("name", "Zoë & co"), "/s/Zo%C3%AB%20&%20co", "string:Zoë & co");
        roundTrip("echo.integer", Map.of("id", 42), "/i/42", "int:42");
        roundTrip("echo.integer", Map.of("id", 9_000_000_000L), "/i/9000000000", "int:9000000000");
        roundTrip("echo.floating", Map.of("x", 2.5), "/f/2.5", "float:2.5");
        roundTrip("echo.floating", Map.of("x", 3), "/f/3.0", "float:3.0");
        roundTrip("echo.path", Map.of("rest", "docs/a b/c.txt"), "/p/docs/a%20b/c.txt", "path:docs/a b/c.txt");
        UUID key = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        roundTrip("echo.uuid", Map.of("key", key), "/u/" + key, "uuid:" + key);
    }

    @Test
    void extraValuesBecomeTheQueryString() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("q", List.of("red shoes", "a&b"));
        values.put("page", 2);
        values.put("skipped", null);
        roundTrip("search", values, "/search/?q=red%20shoes&q=a%26b&page=2", "search:[red shoes, a&b]:2");
        assertEquals("/s/x?lang=ko", app.urlFor("echo.string", Map.of("name", "x", "lang", "ko")));
    }

    @Test
    void theRequestResolvesRelativeEndpointsAndBuildsExternalUrls() {
        // External URLs take the scheme and host the request came with.
        TestResponse response = client.request("GET", "/blog/").header("Host", "shop.example:8080").send();
        assertEquals(200, response.status(), response.text());
        assertEquals("/blog/hello%20world http://shop.example:8080/i/7", response.text());
    }

    @Test
    void unknownEndpointsAndMissingOrInvalidValuesAreClearErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> app.urlFor("echo.nothing"));
        assertTrue(unknown.getMessage().contains("\"echo.nothing\"") && unknown.getMessage().contains("echo.integer"),
                unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> app.urlFor("echo.integer", Map.of("ID", 1)));
        assertTrue(missing.getMessage().contains("<int:id>") && missing.getMessage().contains("/i/<int:id>"),
                missing.getMessage());
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> app.urlFor("echo.integer", Map.of("id", -3)));
        assertTrue(invalid.getMessage().contains("non-negative integer"), invalid.getMessage());
    }

    @Test
    void theStaticEndpointIsKnown() {
        assertEquals("/static/css/site.css", app.urlFor("static", Map.of("filename", "css/site.css")));
    }
}

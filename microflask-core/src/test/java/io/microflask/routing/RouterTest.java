package io.microflask.routing;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterTest {
    private final Converters converters = new Converters();
    private final Router<String> router = new Router<>();

    private void add(String pattern, String method, String handler) {
        assertNull(router.add(RoutePattern.parse(pattern, converters), method, handler));
    }

    private static List<String> segments(String path) {
        return Arrays.asList(path.substring(1).split("/", -1));
    }

    private Router.Found<String> found(String method, String path) {
        Router.Match<String> match = router.match(method, segments(path));
        return assertInstanceOf(Router.Found.class, match, () -> method + " " + path + " gave " + match);
    }

    @Test
    void literalsWinOverVariablesAndConvertersAreTriedByWeight() {
        add("/users/new", "GET", "new");
        add("/users/<int:id>", "GET", "byId");
        add("/users/<name>", "GET", "byName");
        add("/users/<uuid:key>", "GET", "byKey");
        add("/prices/<float:amount>", "GET", "price");

        assertEquals("new", found("GET", "/users/new").handler());
        Router.Found<String> byId = found("GET", "/users/42");
        assertEquals("byId", byId.handler());
        assertEquals(Map.of("id", 42), byId.variables());
        assertEquals("byName", found("GET", "/users/alice").handler());
        UUID uuid = UUID.randomUUID();
        Router.Found<String> byKey = found("GET", "/users/" + uuid);
        assertEquals("byKey", byKey.handler());
        assertEquals(uuid, byKey.variables().get("key"));
        assertEquals(12.5, found("GET", "/prices/12.5").variables().get("amount"));
        assertInstanceOf(Router.NotFound.class, router.match("GET", segments("/prices/12")));
        assertInstanceOf(Router.NotFound.class, router.match("GET", segments("/prices/-1.5")));
    }

    @Test
    void intConverterRejectsSignsAndGivesLongWhenLarge() {
        add("/n/<int:n>", "GET", "n");
        assertInstanceOf(Router.NotFound.class, router.match("GET", segments("/n/-1")));
        assertInstanceOf(Router.NotFound.class, router.match("GET", segments("/n/+1")));
        assertInstanceOf(Router.NotFound.class, router.match("GET", segments("/n/1x")));
        assertEquals(12345678901L, found("GET", "/n/12345678901").variables().get("n"));
    }

    @Test
    void pathConverterSpansSegmentsAndCanBeFollowedByLiterals() {
        add("/files/<path:rest>", "GET", "file");
        add("/wiki/<path:page>/edit", "GET", "edit");
        assertEquals("a/b/c.txt", found("GET", "/files/a/b/c.txt").variables().get("rest"));
        assertEquals("x/y", found("GET", "/wiki/x/y/edit").variables().get("page"));
        assertInstanceOf(Router.NotFound.class, router.match("GET", segments("/files/")));
    }

    @Test
    void wrongMethodGivesAllowedMethodsWithHeadAndOptions() {
        add("/items", "GET", "list");
        add("/items", "POST", "create");
        Router.Match<String> match = router.match("DELETE", segments("/items"));
        Router.MethodNotAllowed<String> notAllowed = assertInstanceOf(Router.MethodNotAllowed.class, match);
        assertEquals(List.of("GET", "HEAD", "OPTIONS", "POST"), List.copyOf(notAllowed.allowed()));
        assertEquals("list", found("HEAD", "/items").handler());
    }

    @Test
    void methodIsFoundOnALowerPriorityRouteWhenTheFirstDoesNotAnswerIt() {
        add("/things/<int:id>", "GET", "get");
        add("/things/<name>", "POST", "post");
        assertEquals("post", found("POST", "/things/7").handler());
    }

    @Test
    void trailingSlashRules() {
        add("/docs/", "GET", "docs");
        add("/about", "GET", "about");
        assertInstanceOf(Router.RedirectToSlash.class, router.match("GET", segments("/docs")));
        assertEquals("docs", found("GET", "/docs/").handler());
        assertInstanceOf(Router.NotFound.class, router.match("GET", segments("/about/")));
    }

    @Test
    void samePatternShapeAndMethodIsReportedAsConflict() {
        add("/a/<int:id>", "GET", "first");
        String existing = router.add(RoutePattern.parse("/a/<int:other>", converters), "GET", "second");
        assertEquals("first", existing);
        assertNull(router.add(RoutePattern.parse("/a/<int:other>", converters), "PUT", "third"));
    }

    @Test
    void patternErrorsNameTheProblem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RoutePattern.parse("/x/<money:m>", converters));
        assertTrue(unknown.getMessage().contains("unknown converter 'money'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse("x", converters));
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse("/a/<id>/<id>", converters));
        assertThrows(IllegalArgumentException.class, () -> RoutePattern.parse("/a/pre<id>", converters));
    }

    @Test
    void lookupWalksSegmentsNotRoutes() {
        for (int i = 0; i < 1000; i++) {
            add("/r" + i + "/<int:id>", "GET", "h" + i);
        }
        assertEquals(1000, router.size());
        Router.Found<String> f = found("GET", "/r999/5");
        assertEquals("h999", f.handler());
        assertNotNull(f.entry());
    }

    @Test
    void percentEncodingIsDecodedPerSegmentAndMalformedEscapesAreRejected() {
        assertEquals("a/b", PathEncoding.decodeSegment("a%2Fb"));
        assertEquals("é", PathEncoding.decodeSegment("%C3%A9"));
        assertThrows(PathEncoding.MalformedPathException.class, () -> PathEncoding.decodeSegment("%zz"));
        assertThrows(PathEncoding.MalformedPathException.class, () -> PathEncoding.decodeSegment("%C3"));
        assertEquals("a%20b%2Fc", PathEncoding.encodeSegment("a b/c"));
    }
}

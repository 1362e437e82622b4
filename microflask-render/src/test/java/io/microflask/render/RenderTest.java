package io.microflask.render;

import io.microflask.App;
import io.microflask.Request;
import io.microflask.Route;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderTest {

    private static TestClient client() {
        return new App().register(new NotesApp()).testClient();
    }

    @Test
    void theExtensionIsFoundOnTheClasspathBeforeCatchAllWriters() {
        App app = new App();
        RenderExtension render = app.extension(RenderExtension.class);
        assertNotNull(render, "META-INF/services should install RenderExtension");
        assertTrue(render.order() < io.microflask.spi.Extension.LAST);
    }

    @Test
    void rendersAViewWithItsModelAsUtf8Html() {
        TestResponse response = client().get("/hello/World");
        assertEquals(200, response.status());
        assertEquals("text/html; charset=utf-8", response.contentType());
        assertEquals("<p>Hello, World!</p>\n", response.text());
    }

    @Test
    void valuesAreHtmlEscapedByDefault() {
        TestResponse response = client().get("/hello/%3Cscript%3Ealert('x')%3C%5Cscript%3E%22%26");
        assertEquals("<p>Hello, &lt;script&gt;alert(&#39;x&#39;)&lt;\\script&gt;&quot;&amp;!</p>\n", response.text());
    }

    @Test
    void tripleBracesWriteRawHtml() {
        TestResponse response = client().get("/raw?html=%3Cb%3Ebold%3C%2Fb%3E%20%26%20%22q%22");
        assertTrue(response.text().contains(
                "<div class=\"escaped\">&lt;b&gt;bold&lt;/b&gt; &amp; &quot;q&quot;</div>"), response.text());
        assertTrue(response.text().contains("<div class=\"raw\"><b>bold</b> & \"q\"</div>"), response.text());
    }

    @Test
    void aPageWithALayoutAPartialALoopAndAForm() {
        String html = client().get("/notes").text();
        // the layout, with the page's blocks in place of its defaults
        assertTrue(html.startsWith("<!doctype html>"), html);
        assertTrue(html.contains("<title>Notes (2)</title>"), html);
        assertFalse(html.contains("Nothing here."), html);
        // the layout's own partial, which sees the request
        assertTrue(html.contains("<nav><a href=\"/\">Home</a> you are at /notes</nav>"), html);
        // the loop over a partial
        int first = html.indexOf("<li class=\"note\">Buy milk</li>");
        int second = html.indexOf("<li class=\"note\">Call Bob</li>");
        assertTrue(first > 0 && second > first, html);
        assertFalse(html.contains("No notes yet."), html);
        // the form
        assertTrue(html.contains("<form method=\"post\" action=\"/notes\">"), html);
    }

    @Test
    void aHandlerRendersWithTheHelperAndChoosesTheStatus() {
        TestClient client = client();
        TestResponse invalid = client.postForm("/notes", Map.of("title", " "));
        assertEquals(422, invalid.status());
        assertEquals("text/html; charset=utf-8", invalid.contentType());
        assertTrue(invalid.text().contains("<p class=\"error\">A note needs a title.</p>"), invalid.text());
        // the posted form is there for the template to fill the field again
        assertTrue(invalid.text().contains("<input name=\"title\" value=\" \">"), invalid.text());

        assertEquals(303, client.postForm("/notes", Map.of("title", "Write <docs>")).status());
        assertTrue(client.get("/notes").text().contains("<li class=\"note\">Write &lt;docs&gt;</li>"));
    }

    @Test
    void aViewReturnedWhereTheDeclaredTypeIsObjectIsRenderedToo() {
        assertEquals("<p>Hello, declared as Object!</p>\n", client().get("/anything").text());
    }

    @Test
    void anErrorHandlerMayAnswerWithAViewAndKeepsTheErrorStatus() {
        TestResponse response = client().get("/gone");
        assertEquals(404, response.status());
        assertTrue(response.text().contains("<p class=\"missing\">No such note.</p>"), response.text());
        assertTrue(response.text().contains("<title>Not found</title>"), response.text());
    }

    public static class RequestPage {
        @Route("/req")
        public View page(Request request) {
            request.attribute("user", "ada");
            return View.of("request");
        }

        @Route("/req-shadowed")
        public View shadowed() {
            return View.of("request").with("site", "from the model");
        }
    }

    @Test
    void templatesSeeTheRequestGAndContextProcessorValues() {
        App app = new App().register(new RequestPage());
        app.extension(RenderExtension.class).contextProcessor(request -> Map.of("site", "Notes"));
        TestResponse response = app.testClient().get("/req?q=a%26b");
        assertEquals("GET /req q=a&amp;b endpoint=" + app.routes().stream()
                .filter(r -> r.pattern().equals("/req")).findFirst().orElseThrow().endpoint()
                + " user=ada site=Notes\n", response.text());
    }

    @Test
    void theViewsModelWinsOverContextProcessors() {
        App app = new App().register(new RequestPage());
        app.extension(RenderExtension.class).contextProcessor(request -> Map.of("site", "Notes"));
        assertTrue(app.testClient().get("/req-shadowed").text().endsWith("site=from the model\n"));
    }

    @Test
    void partialsResolveNextToTheTemplateThatIncludesThem() {
        App app = new App();
        StringWriter out = new StringWriter();
        app.extension(RenderExtension.class).renderTo(out, View.of("admin/users").with("users", List.of("ada", "bob")),
                null);
        assertEquals("<table><tr><td>ada</td></tr>\n<tr><td>bob</td></tr>\n</table>\n", out.toString());
    }

    @Test
    void aNameWithAnExtensionKeepsItAndItsPartialsShareIt() {
        StringWriter out = new StringWriter();
        new App().extension(RenderExtension.class).renderTo(out, View.of("page.html").with("title", "T"), null);
        // Mustache.java keeps the line break after a partial tag as well as the partial's own.
        assertEquals("<h1>T</h1>\n<footer>html partial</footer>\n\n", out.toString());
    }

    @Test
    void nonAsciiTextIsEncodedAsUtf8() {
        var response = new App().extension(RenderExtension.class).render((Request) null,
                View.of("unicode").with("greeting", "Grüße 👋"));
        try {
            assertEquals("Grüße 👋 — ünïcödé 😀\n", response.bodyText());
        } finally {
            response.releaseBody();
        }
    }

    public static class HelperPage {
        @Route("/")
        public io.microflask.Response index(Request request) {
            return Templates.render(request, "hello", Map.of("name", "x"));
        }
    }

    @Test
    void templatesHelperWithoutTheExtensionSaysHowToInstallIt() {
        App app = App.withoutExtensionDiscovery().register(new HelperPage()).debug(true);
        TestResponse response = app.testClient().get("/");
        assertEquals(500, response.status());
        assertTrue(response.text().contains("app.install(new RenderExtension())"), response.text());

        app.install(new RenderExtension());
        assertEquals("<p>Hello, x!</p>\n", app.testClient().get("/").text());
    }

    @Test
    void aViewIsImmutable() {
        View base = View.of("hello");
        View named = base.with("name", "Ada");
        assertTrue(base.model().isEmpty());
        assertEquals("Ada", named.model().get("name"));
        assertThrows(UnsupportedOperationException.class, () -> named.model().put("x", 1));
        assertThrows(IllegalArgumentException.class, () -> View.of(" "));
        assertSame(null, View.of("hello").with("maybe", null).model().get("maybe"));
    }
}

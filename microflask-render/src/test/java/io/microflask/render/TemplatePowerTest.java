package io.microflask.render;

import io.microflask.App;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a Jinja app needs from templates: escaping as markupsafe, raw url_for values, nested blocks, helpers. */
class TemplatePowerTest {

    public record Post(String title, String author, LocalDate created) {
    }

    public static class Pages {
        @Route("/escape")
        public View escape(Request request) {
            return View.of("power/escape").with("body", "test\nbody\t<b>&\"'=`").with("q", request.query("q"))
                    .with("name", request.query("name"));
        }

        @Route("/search")
        public String search(Request request) {
            return "q=" + request.query("q");
        }

        @Route("/items/<name>")
        public String item(String name) {
            return name;
        }

        @Route("/nested")
        public View nested() {
            return View.of("power/nested").with("body", "text");
        }

        @Route("/login")
        public View login() {
            return View.of("power/auth/login").with("username", "ada");
        }

        @Route("/helpers")
        public View helpers(Request request) {
            request.attribute("user", "ada");
            java.util.Map<String, Object> model = new java.util.HashMap<>();
            model.put("posts", List.of(new Post("Second", "ada", LocalDate.of(2024, 3, 5)),
                    new Post("", "bob", LocalDate.of(2024, 1, 9)), new Post("Zeroth", "ada", LocalDate.of(2023, 12, 31))));
            model.put("total", 1234.5);
            model.put("title", "Hello");
            model.put("name", "<Ada>");
            model.put("status", "draft");
            model.put("count", 3);
            return View.of("power/helpers", model);
        }

        @Route("/string")
        public Response fromString(Request request) {
            return Templates.renderString(request, "{{<layout}}{{$content}}Hi {{name}}, {{#url_for}}pages.search q={{name}}"
                    + "{{/url_for}}{{/content}}{{/layout}}", Map.of("name", "R&D"));
        }

        @Route("/badfilter")
        public View badFilter() {
            return View.of("power/badfilter").with("title", "x");
        }
    }

    private static App app() {
        App app = new App().register(new Pages());
        RenderExtension render = app.extension(RenderExtension.class);
        render.global("site", "Notes & Co").filter("shout", (value, argument) -> value + "!")
                .lambda("caps", text -> text.toUpperCase(java.util.Locale.ROOT));
        return app;
    }

    private final TestClient client = app().testClient();

    @Test
    void escapesOnlyTheFiveCharactersAsJinjaDoes() {
        String page = client.get("/escape?q=x").text();
        assertTrue(page.contains("<pre>test\nbody\t&lt;b&gt;&amp;&quot;&#39;=`</pre>"), page);
    }

    @Test
    void urlForTakesRawValuesWithAmpersandsSpacesQuotesAndNonAscii() {
        String ampersand = client.get("/escape?q=R%26D&name=x").text();
        assertTrue(ampersand.contains("href=\"/search?q=R%26D\""), ampersand);
        TestResponse spaced = client.get("/escape?q=a%20b&name=x");
        assertEquals(200, spaced.status(), spaced.text());
        assertTrue(spaced.text().contains("href=\"/search?q=a%20b\"") || spaced.text().contains("href=\"/search?q=a+b\""),
                spaced.text());
        String quoted = client.get("/escape?q=%22it%27s%22&name=caf%C3%A9%20%26%20b%C3%A4r").text();
        assertTrue(quoted.contains("href=\"/search?q=%22it%27s%22\""), quoted);
        // '&' may stand in a path segment; in the attribute it is escaped as HTML.
        assertTrue(quoted.contains("href=\"/items/caf%C3%A9%20&amp;%20b%C3%A4r?tab=x\""), quoted);
        // The URL the template wrote leads back to the value.
        assertEquals("q=a b", client.get("/search?q=a%20b").text());
    }

    @Test
    void blocksNestedInBlocksReachTheLayout() {
        String page = client.get("/nested").text();
        assertTrue(page.contains("<main><p>text</p><script src=\"/page.js\"></script></main>"), page);
        assertTrue(page.contains("<footer><script src=\"/page.js\"></script></footer>"), page);
        assertFalse(page.contains("/base.js"), page);
        assertTrue(page.contains("<title>Default title</title>"), page);
    }

    @Test
    void layoutsAndPartialsAreFoundFromTheTemplatesRootInSubfolders() {
        TestResponse response = client.get("/login");
        assertEquals(200, response.status(), response.text());
        String page = response.text();
        assertTrue(page.contains("<title>Log in</title>"), page);           // templates/layout.mustache, nested title
        assertTrue(page.contains("<nav><a href=\"/\">Home</a> you are at /login</nav>"), page);
        assertTrue(page.contains("<input name=\"username\" value=\"ada\">"), page);
        StringWriter explicit = new StringWriter();
        app().extension(RenderExtension.class).renderTo(explicit, View.of("power/auth/explicit"), null);
        assertTrue(explicit.toString().contains("<main>\nexplicit root\n</main>")
                || explicit.toString().contains("explicit root"), explicit.toString());
        assertTrue(explicit.toString().contains("<title>microflask</title>"), explicit.toString());
    }

    @Test
    void helpersFiltersAndGlobals() {
        TestResponse response = client.get("/helpers");
        assertEquals(200, response.status(), response.text());
        String page = response.text();
        assertTrue(page.contains("<article>Second by ada on 5 Mar 2024 [edit] | (newest) #1</article>"), page);
        assertTrue(page.contains("<article>Untitled by bob on 9 Jan 2024 [read] | #2</article>"), page);
        assertTrue(page.contains("<article>Zeroth by ada on 31 Dec 2023 [edit] #3</article>"), page);
        assertTrue(page.contains("total=1,234.50 first=POST[TITLE=SECOND, AUTHOR=ADA, CREATED=2024-03-05] count=3"), page);
        assertTrue(page.contains("site=Notes &amp; Co shout=Hello! HI &lt;ADA&gt; &amp; CO"), page);
        assertTrue(page.contains("is draft three"), page);
    }

    @Test
    void rendersATemplateGivenAsAString() {
        TestResponse response = client.get("/string");
        assertEquals(200, response.status(), response.text());
        assertTrue(response.text().contains("<main>\nHi R&amp;D, /search?q=R%26D\n</main>")
                || response.text().contains("Hi R&amp;D, /search?q=R%26D"), response.text());
        assertTrue(response.text().contains("<nav>"), response.text());
    }

    @Test
    void anUnknownFilterIsASyntaxErrorNamingFileAndLine() {
        RenderExtension render = app().extension(RenderExtension.class);
        TemplateSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateSyntaxException.class,
                () -> render.renderTo(new java.io.StringWriter(), View.of("power/badfilter").with("title", "x"), null));
        assertTrue(e.getMessage().contains("badfilter.mustache line 2") && e.getMessage().contains("nosuchfilter")
                && e.getMessage().contains("RenderExtension.filter"), e.getMessage());
    }

    @Test
    void aGlobalCannotHideWhatTemplatesAlreadyHave() {
        RenderExtension render = app().extension(RenderExtension.class);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> render.global("url_for", "x"));
        assertTrue(e.getMessage().contains("url_for"), e.getMessage());
    }
}

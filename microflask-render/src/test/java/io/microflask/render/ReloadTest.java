package io.microflask.render;

import io.microflask.App;
import io.microflask.Route;
import io.microflask.TestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Caching versus fresh reads. The temp directory plays both parts: it is on the class path (its
 * {@code templates/} is what a packaged app serves) and it is the templates directory that fresh
 * reads use, so an edit to one file shows in fresh mode only.
 */
class ReloadTest {
    @TempDir
    Path root;
    private Path templates;
    private URLClassLoader classPath;

    public static class Page {
        @Route("/")
        public View index() {
            return View.of("page").with("name", "Ada");
        }
    }

    @BeforeEach
    void writeTemplates() throws IOException {
        templates = Files.createDirectories(root.resolve("templates"));
        write("page.mustache", "{{<base}}{{$body}}v1 {{name}}{{/body}}{{/base}}\n");
        write("base.mustache", "<main>{{$body}}{{/body}}</main>{{>footer}}");
        write("footer.mustache", "<footer>f1</footer>");
        classPath = new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    @AfterEach
    void closeClassPath() throws IOException {
        classPath.close();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(templates.resolve(name), text);
    }

    private RenderExtension extension(App app) {
        RenderExtension render = new RenderExtension(classPath).templatesDirectory(templates);
        app.install(render);
        return render;
    }

    private App app() {
        return App.withoutExtensionDiscovery().register(new Page());
    }

    @Test
    void cachingModeCompilesOnceAndIgnoresEdits() throws IOException {
        App app = app();
        extension(app).autoReload(false);
        TestClient client = app.testClient();
        assertEquals("<main>v1 Ada</main><footer>f1</footer>\n", client.get("/").text());

        write("page.mustache", "{{<base}}{{$body}}v2 {{name}}{{/body}}{{/base}}\n");
        write("footer.mustache", "<footer>f2</footer>");
        assertEquals("<main>v1 Ada</main><footer>f1</footer>\n", client.get("/").text());
    }

    @Test
    void freshModeShowsEditsToPagesLayoutsAndPartialsOnTheNextRender() throws IOException {
        App app = app();
        extension(app).autoReload(true);
        TestClient client = app.testClient();
        assertEquals("<main>v1 Ada</main><footer>f1</footer>\n", client.get("/").text());

        write("page.mustache", "{{<base}}{{$body}}v2 {{name}}{{/body}}{{/base}}\n");
        assertEquals("<main>v2 Ada</main><footer>f1</footer>\n", client.get("/").text());
        write("base.mustache", "<section>{{$body}}{{/body}}</section>{{>footer}}");
        write("footer.mustache", "<footer>f2</footer>");
        assertEquals("<section>v2 Ada</section><footer>f2</footer>\n", client.get("/").text());
    }

    @Test
    void freshModeReportsAMistakeAndRecoversOnceItIsFixed() throws IOException {
        App app = app();
        RenderExtension render = extension(app).autoReload(true);
        write("page.mustache", "{{<base}}\n{{$body}}{{#name}}{{/body}}{{/base}}\n");
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> render.renderTo(new StringWriter(), View.of("page"), null));
        assertEquals(templates.resolve("page.mustache").toAbsolutePath(), e.sourceFile());
        assertTrue(e.getMessage().startsWith("Template syntax error in " + templates.resolve("page.mustache")
                .toAbsolutePath()), e.getMessage());

        write("page.mustache", "fixed {{name}}");
        assertEquals("fixed Ada", app.testClient().get("/").text());
    }

    @Test
    void freshModeReadsTheClasspathForTemplatesNotInTheDirectory() {
        App app = app();
        extension(app).autoReload(true);
        StringWriter out = new StringWriter();
        // hello.mustache exists only in the test classpath's templates/
        app.extension(RenderExtension.class).renderTo(out, View.of("hello").with("name", "classpath"), null);
        assertEquals("<p>Hello, classpath!</p>\n", out.toString());
        TemplateNotFoundException missing = assertThrows(TemplateNotFoundException.class,
                () -> app.extension(RenderExtension.class).renderTo(new StringWriter(), View.of("nope"), null));
        assertTrue(missing.searchedLocations().get(0).startsWith(templates.resolve("nope.mustache").toString()),
                missing.searchedLocations()::toString);
        assertTrue(missing.searchedLocations().get(0).endsWith("(the templates directory, read fresh on every render)"));
    }

    @Test
    void byDefaultFreshReadsFollowDebugModeAndTheDirectoryExisting() throws IOException {
        App app = app();
        RenderExtension render = extension(app);
        assertEquals(null, render.autoReload());
        app.debug(false);
        assertFalse(render.reloading(), "production caches");
        app.debug(true);
        assertTrue(render.reloading(), "debug mode with the directory present reads fresh");
        render.templatesDirectory(root.resolve("missing"));
        assertFalse(render.reloading(), "debug mode without the directory caches");

        render.templatesDirectory(templates);
        write("page.mustache", "edited");
        assertEquals("edited", app.testClient().get("/").text());
    }

    @Test
    void theDefaultTemplatesDirectoryIsTheSourceTreesResources() {
        App app = new App();
        RenderExtension render = app.extension(RenderExtension.class);
        assertEquals(Path.of("src/main/resources/templates"), render.templatesDirectory());
        assertFalse(app.debug());
        assertFalse(render.reloading());
    }
}

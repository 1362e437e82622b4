package io.microflask.render;

import io.microflask.App;
import io.microflask.Blueprint;
import io.microflask.Route;
import io.microflask.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A blueprint's own templates ({@code Blueprint.templateFolder}), looked up as Flask does: the
 * app's {@code templates/} first, then each blueprint's folder in registration order.
 */
class BlueprintTemplatesTest {

    /** Renders the template named by the path. */
    public static class Pages {
        @Route("/<path:name>")
        public View page(String name) {
            return View.of(name).with("who", "Ada");
        }
    }

    private static Blueprint one() {
        return new Blueprint("one").templateFolder("bp-one/templates").register(new Pages());
    }

    private static Blueprint two() {
        return new Blueprint("two").templateFolder("bp-two/templates").register(new Pages());
    }

    @Test
    void theAppsTemplatesComeFirstThenEachBlueprintsInRegistrationOrder() {
        TestClient client = new App().register(one(), "/one").register(two(), "/two").testClient();
        assertEquals("the app overrides it\n", client.get("/one/bpt/override").text());
        assertEquals("shared from bp-one\n", client.get("/one/bpt/shared").text());
        assertEquals("shared from bp-one\n", client.get("/two/bpt/shared").text(), "any route sees every folder");

        TestClient reversed = new App().register(two(), "/two").register(one(), "/one").testClient();
        assertEquals("shared from bp-two\n", reversed.get("/one/bpt/shared").text());
    }

    @Test
    void aBlueprintsTemplateUsesTheAppsLayoutAndPartialsAndItsOwn() {
        String html = new App().register(one(), "/one").testClient().get("/one/bpt/page").text();
        assertTrue(html.contains("<title>One</title>"), html);
        assertTrue(html.contains("<nav><a href=\"/\">Home</a> you are at /one/bpt/page</nav>"), html);
        assertTrue(html.contains("<p>row of Ada</p> /one/bpt/row"), html);
    }

    @Test
    void aBlueprintRegisteredAfterTheFirstRenderIsLookedInToo() {
        App app = new App().register(new Blueprint("plain").register(new Pages()), "/plain");
        TestClient client = app.testClient();
        assertEquals("<p>Hello, !</p>\n", client.get("/plain/hello").text());
        assertEquals(500, client.get("/plain/bpt/shared").status());

        app.register(two(), "/two");
        assertEquals("shared from bp-two\n", client.get("/plain/bpt/shared").text());
    }

    @Test
    void aMissingTemplateNamesEveryFolderSearched() {
        App app = new App().register(one(), "/one");
        RenderExtension render = app.extension(RenderExtension.class);
        TemplateNotFoundException missing = assertThrows(TemplateNotFoundException.class,
                () -> render.renderTo(new StringWriter(), View.of("bpt/nope"), null));
        List<String> searched = missing.searchedLocations();
        assertTrue(searched.get(0).endsWith(Path.of("templates", "bpt", "nope.mustache") + " (classpath)"),
                searched::toString);
        assertTrue(searched.get(searched.size() - 1).endsWith(Path.of("bp-one", "templates", "bpt", "nope.mustache")
                + " (classpath, a blueprint's template folder)"), searched::toString);
    }

    /**
     * A project as a build leaves it: {@code target/classes} (the classpath) copied from
     * {@code src/main/resources}. In debug mode a blueprint's templates are read from the source,
     * on every render, as the app's are.
     */
    @Test
    void inDebugModeABlueprintsTemplatesAreReadFreshFromTheirSourceFolder(@TempDir Path project) throws IOException {
        Path built = Files.createDirectories(project.resolve("target/classes/admin/templates/admin"));
        Path source = Files.createDirectories(project.resolve("src/main/resources/admin/templates/admin"));
        Files.writeString(built.resolve("page.mustache"), "built {{who}}");
        Files.writeString(source.resolve("page.mustache"), "edited {{who}}");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {project.resolve("target/classes").toUri().toURL()},
                getClass().getClassLoader())) {
            App app = App.withoutExtensionDiscovery().install(new RenderExtension(loader))
                    .register(new Blueprint("admin").templateFolder("admin/templates").register(new Pages()), "/admin");
            RenderExtension render = app.extension(RenderExtension.class);
            TestClient client = app.testClient();

            assertFalse(render.reloading());
            assertEquals("built Ada", client.get("/admin/admin/page").text());
            Files.writeString(source.resolve("page.mustache"), "edited {{who}} once");
            assertEquals("built Ada", client.get("/admin/admin/page").text(), "production compiles once");

            app.debug(true);
            assertTrue(render.reloading(), "the blueprint's source folder is there, though the app has no templates/");
            assertEquals("edited Ada once", client.get("/admin/admin/page").text());
            Files.writeString(source.resolve("page.mustache"), "edited {{who}} twice");
            assertEquals("edited Ada twice", client.get("/admin/admin/page").text());
        }
    }
}

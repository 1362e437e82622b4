package io.microflask.render;

import io.microflask.App;
import io.microflask.Route;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateErrorsTest {
    private static final Path TEST_TEMPLATES = Path.of("target", "test-classes", "templates");

    private final RenderExtension render = new App().extension(RenderExtension.class);

    private TemplateException failure(String template) {
        return assertThrows(TemplateException.class,
                () -> render.renderTo(new StringWriter(), View.of(template).with("items", List.of(1)), null));
    }

    @Test
    void aMissingTemplateNamesItselfAndEveryLocationSearched() {
        TemplateNotFoundException e = assertInstanceOf(TemplateNotFoundException.class, failure("no-such-page"));
        assertEquals("no-such-page.mustache", e.template());
        assertNull(e.includedFrom());
        assertNull(e.sourceFile());
        assertEquals(0, e.line());
        // the test classpath's templates/ directory is among the places searched
        String expected = TEST_TEMPLATES.resolve("no-such-page.mustache").toString();
        assertTrue(e.searchedLocations().stream().anyMatch(s -> s.startsWith(expected)), e.searchedLocations()::toString);
        assertTrue(e.getMessage().startsWith("Template not found: no-such-page.mustache. Searched:\n  "),
                e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("src/main/resources/templates/"), e.getMessage());
    }

    @Test
    void aNameStartingWithTheTemplatesDirectoryGetsAHint() {
        TemplateNotFoundException e = assertInstanceOf(TemplateNotFoundException.class, failure("templates/hello"));
        assertTrue(e.getMessage().contains("drop the leading 'templates/'"), e.getMessage());
    }

    @Test
    void aNameCannotClimbOutOfTheTemplatesDirectory() {
        TemplateNotFoundException e = assertInstanceOf(TemplateNotFoundException.class,
                failure("../logback-test.xml"));
        assertTrue(e.getMessage().contains("points outside the templates directory"), e.getMessage());
    }

    @Test
    void aMissingPartialNamesTheTemplateAndLineThatIncludeIt() {
        TemplateNotFoundException e = assertInstanceOf(TemplateNotFoundException.class,
                failure("broken/missing-partial"));
        assertEquals("broken/sidebar.mustache", e.template());
        assertEquals(TEST_TEMPLATES.resolve("broken/missing-partial.mustache").toString(), e.includedFrom());
        assertEquals(e.includedFrom(), e.location());
        assertEquals(TEST_TEMPLATES.resolve("broken/missing-partial.mustache").toAbsolutePath(), e.sourceFile());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("Template not found: broken/sidebar.mustache, wanted by {{>sidebar}} in "
                + TEST_TEMPLATES.resolve("broken/missing-partial.mustache") + " line 3. Searched:"), e.getMessage());
    }

    @Test
    void aMissingLayoutNamesTheTemplateThatExtendsIt() {
        TemplateNotFoundException e = assertInstanceOf(TemplateNotFoundException.class,
                failure("broken/missing-layout"));
        assertEquals("broken/no-such-layout.mustache", e.template());
        assertTrue(e.getMessage().contains("wanted by {{<no-such-layout}} in "
                + TEST_TEMPLATES.resolve("broken/missing-layout.mustache") + " line 1"), e.getMessage());
    }

    @Test
    void anUnclosedSectionNamesFileAndLine() {
        TemplateSyntaxException e = assertInstanceOf(TemplateSyntaxException.class, failure("broken/unclosed"));
        assertEquals("broken/unclosed.mustache", e.template());
        assertEquals(2, e.line());
        assertEquals(TEST_TEMPLATES.resolve("broken/unclosed.mustache").toAbsolutePath(), e.sourceFile());
        assertEquals("Template syntax error in " + TEST_TEMPLATES.resolve("broken/unclosed.mustache") + " line 2: "
                + "the section 'items' opened here ({{#items}}, {{^items}}, {{$items}} or {{<items}}) is never closed: "
                + "add {{/items}}", e.getMessage());
    }

    @Test
    void aMismatchedEndTagNamesFileLineAndTheExpectedTag() {
        TemplateSyntaxException e = assertInstanceOf(TemplateSyntaxException.class, failure("broken/mismatch"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("Template syntax error in "
                + TEST_TEMPLATES.resolve("broken/mismatch.mustache") + " line 4: {{/itemz}} does not match the open "
                + "section 'items'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("here with {{/items}}"), e.getMessage());
    }

    @Test
    void anUnclosedTagNamesFileAndLine() {
        TemplateSyntaxException e = assertInstanceOf(TemplateSyntaxException.class, failure("broken/unclosed-tag"));
        assertEquals("broken/unclosed-tag.mustache", e.template());
        assertTrue(e.line() >= 2, "line " + e.line());
        assertTrue(e.getMessage().contains("missing its closing braces"), e.getMessage());
    }

    @Test
    void aSyntaxErrorInAPartialNamesThePartialsFile() {
        TemplateSyntaxException e = assertInstanceOf(TemplateSyntaxException.class,
                failure("broken/includes-broken"));
        assertEquals("broken/unclosed.mustache", e.template());
        assertEquals(2, e.line());
    }

    @Test
    void aValueOutsideALayoutsBlocksIsASyntaxErrorWithTheFix() {
        TemplateSyntaxException e = assertInstanceOf(TemplateSyntaxException.class,
                failure("broken/layout-misuse"));
        assertEquals("broken/layout-misuse.mustache", e.template());
        assertTrue(e.getMessage().contains("between {{<layout}} and {{/layout}} only {{$block}}"), e.getMessage());
        assertTrue(e.getMessage().contains("there is a value tag such as {{name}}"), e.getMessage());
    }

    public static class Widget {
        public String getLabel() {
            throw new IllegalStateException("the model broke");
        }
    }

    @Test
    void aModelMethodThatThrowsNamesTheTemplateLineAndTheCause() {
        TemplateRenderException e = assertThrows(TemplateRenderException.class, () -> render.renderTo(
                new StringWriter(), View.of("boom", Map.of("widget", new Widget())), null));
        assertEquals("boom.mustache", e.template());
        assertEquals(2, e.line());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("Rendering " + TEST_TEMPLATES.resolve("boom.mustache")
                + " failed at line 2: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("java.lang.IllegalStateException: the model broke"), e.getMessage());
    }

    public static class BoomPage {
        @Route("/missing")
        public View missing() {
            return View.of("broken/missing-partial");
        }

        @Route("/syntax")
        public View syntax() {
            return View.of("broken/unclosed");
        }
    }

    @Test
    void aCachedTemplateWhosePartialIsMissingFailsTheSameWayEveryTime() {
        // Mustache.java caches a template before linking its partials; a second render must not get a half-built one.
        for (int i = 0; i < 2; i++) {
            assertInstanceOf(TemplateNotFoundException.class, failure("broken/missing-partial"));
        }
    }

    @Test
    void inDebugModeTheErrorPageShowsBothMessages() {
        App app = new App().register(new BoomPage()).debug(true);
        TestResponse missing = app.testClient().get("/missing");
        assertEquals(500, missing.status());
        assertTrue(missing.text().contains("Template not found: broken/sidebar.mustache, wanted by {{&gt;sidebar}}"),
                missing.text());
        TestResponse syntax = app.testClient().get("/syntax");
        assertEquals(500, syntax.status());
        assertTrue(syntax.text().contains("Template syntax error in "
                + TEST_TEMPLATES.resolve("broken/unclosed.mustache") + " line 2"), syntax.text());
    }

    @Test
    void inProductionTheErrorPageDoesNotShowTemplatePaths() {
        TestResponse response = new App().register(new BoomPage()).testClient().get("/missing");
        assertEquals(500, response.status());
        assertFalse(response.text().contains("sidebar"), response.text());
    }

    @Test
    void testTemplatesAreWhereTheseTestsExpectThem() {
        assertTrue(Files.isRegularFile(TEST_TEMPLATES.resolve("broken/unclosed.mustache")));
    }
}

package io.microflask.devtools;

import io.microflask.testsupport.LogCapture;

import example.app.ErrorApp;
import io.microflask.App;
import io.microflask.Request;
import io.microflask.Response;
import io.microflask.Route;
import io.microflask.RunningServer;
import io.microflask.TestClient;
import io.microflask.TestResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorPageTest {
    private static final Path ERROR_APP_SOURCE = Path.of("src/test/java/example/app/ErrorApp.java");

    private static App debugApp() {
        App app = new App().register(new ErrorApp());
        app.debug(true);
        return app;
    }

    private static int lineOf(Path file, String marker) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not in " + file);
    }

    @Test
    void devToolsIsFoundOnTheClasspathAndDeclaresDebugTools() {
        App app = new App();
        assertNotNull(app.extension(DevTools.class));
        assertTrue(app.hasDebugTools());
    }

    @Test
    void exceptionPageShowsTheThrowingLineTheHighlightedFrameTheRequestAndTheRoute() throws IOException {
        int line = lineOf(ERROR_APP_SOURCE, "// the line that throws");
        TestResponse response = debugApp().testClient().request("GET", "/notes/42?sort=desc")
                .header("X-Trace", "trace-7f3a").header("Cookie", "theme=dark").send();

        assertEquals(500, response.status());
        assertTrue(response.header("Content-Type").startsWith("text/html"));
        String html = response.text();
        // the exception, its message and its cause
        assertTrue(html.contains("java.lang.IllegalStateException"), html);
        assertTrue(html.contains("note 42 could not be loaded"));
        assertTrue(html.contains("Caused by:</span> java.lang.NumberFormatException"));
        // the application frame, highlighted, with the throwing line from the source file
        assertTrue(html.contains("<div class=\"frame app\"><div class=\"head\"><code>example.app.ErrorApp$NoteStore.load"),
                html);
        assertTrue(html.contains("<span class=\"line current\"><span class=\"ln\">" + line + "</span>"));
        assertTrue(html.contains("// the line that throws"));
        // a link that opens the file at the line in VS Code
        String link = "vscode://file" + ERROR_APP_SOURCE.toAbsolutePath().normalize() + ":" + line;
        assertTrue(html.contains("href=\"" + link + "\""), "expected " + link);
        // framework and JDK frames are folded
        assertTrue(html.contains("framework frames</summary>"));
        assertTrue(html.contains("at io.microflask.dispatch.RequestLifecycle.beforeAndCall("));
        // the route, the endpoint and the arguments
        assertTrue(html.contains("/notes/&lt;int:id&gt;"));
        assertTrue(html.contains("errorApp.note"));
        assertTrue(html.contains("<td><code>id</code></td><td><code>int</code></td><td><pre>42</pre>"));
        // the request: URL, query, headers, cookies
        assertTrue(html.contains("http://localhost/notes/42?sort=desc"));
        assertTrue(html.contains("<th>sort</th><td>desc</td>"));
        assertTrue(html.contains("<th>X-Trace</th><td>trace-7f3a</td>"));
        assertTrue(html.contains("<th>theme</th><td>dark</td>"));
        // the plain traceback to copy
        assertTrue(html.contains("<textarea id=\"traceback\""));
        assertTrue(html.contains("at example.app.ErrorApp.note(ErrorApp.java:"));
    }

    @Test
    void jsonVariantForClientsThatAskForJson() {
        TestResponse response = debugApp().testClient().request("GET", "/notes/7")
                .header("Accept", "application/json").send();

        assertEquals(500, response.status());
        assertTrue(response.header("Content-Type").startsWith("application/json"));
        String json = response.text();
        assertTrue(json.contains("\"exception\":\"java.lang.IllegalStateException\""), json);
        assertTrue(json.contains("\"exceptionMessage\":\"note 7 could not be loaded\""));
        assertTrue(json.contains("\"class\":\"example.app.ErrorApp$NoteStore\",\"method\":\"load\""));
        assertTrue(json.contains("\"application\":true"));
        assertTrue(json.contains("\"endpoint\":\"errorApp.note\""));
        assertTrue(json.contains("\"traceback\":\"java.lang.IllegalStateException: note 7 could not be loaded"));
    }

    @Test
    void intellijLinksWhenSetToIntellij() throws IOException {
        App app = debugApp();
        app.extension(DevTools.class).editor(Editor.INTELLIJ);
        int line = lineOf(ERROR_APP_SOURCE, "// the line that throws");

        String html = app.testClient().get("/notes/1").text();

        assertTrue(html.contains("idea://open?file="), html);
        assertTrue(html.contains("ErrorApp.java&amp;line=" + line));
    }

    @Test
    void templateErrorShowsTheTemplateLines() {
        String html = debugApp().testClient().get("/render").text();

        assertTrue(html.contains("Improperly closed variable in page.mustache:3"), html);
        assertTrue(html.contains("<section class=\"template\"><h2>Template"));
        assertTrue(html.contains("<span class=\"line current\"><span class=\"ln\">3</span>  &lt;li&gt;{{name&lt;/li&gt;"));
    }

    @Test
    void unknownPathInDebugListsTheRoutes() {
        App app = debugApp();

        TestResponse page = app.testClient().get("/nots/1");
        TestResponse json = app.testClient().request("GET", "/nots/1").header("Accept", "application/json").send();
        TestResponse plain = new App().register(new ErrorApp()).testClient().get("/nots/1");

        assertEquals(404, page.status());
        assertTrue(page.text().contains("The requested URL /nots/1 was not found on this server."), page.text());
        assertTrue(page.text().contains("<code>/notes/&lt;int:id&gt;</code></td><td>errorApp.note</td>"));
        assertEquals(404, json.status());
        assertFalse(json.text().contains("errorApp.note"));
        assertFalse(plain.text().contains("errorApp.note"));
    }

    @Test
    void withoutDebugTheProductionPageShowsNothingOfTheException() {
        App app = new App().register(new ErrorApp());

        TestResponse response = app.testClient().get("/notes/42");

        assertEquals(500, response.status());
        assertFalse(response.text().contains("IllegalStateException"));
        assertFalse(response.text().contains("note 42"));
    }

    @Test
    void aClientOnAnotherMachineGetsTheProductionPageAndTheLogSaysWhy() {
        App app = debugApp();
        TestResponse response;
        try (LogCapture log = LogCapture.of("io.microflask")) {
            response = app.testClient().request("GET", "/notes/42").header("Host", "example.test")
                    .remoteAddress("203.0.113.9").send();
            assertTrue(log.messages().stream().anyMatch(m -> m.contains("debug details of this error were not shown "
                    + "to 203.0.113.9")), log.messages().toString());
        }

        assertEquals(500, response.status());
        String body = response.text();
        assertFalse(body.contains("IllegalStateException"), body);
        assertFalse(body.contains("ErrorApp"));
        assertFalse(body.contains("note 42"));
    }

    @Test
    void overARealSocketTheLocalBrowserGetsTheDetailedPageWithTheLiveReloadScript() {
        App app = new App().register(new ErrorApp());
        app.extension(DevTools.class).reload(false);
        try (RunningServer server = app.start("127.0.0.1", 0, true)) {
            given().baseUri(server.url()).accept("text/html").when().get("/notes/5").then()
                    .statusCode(500)
                    .body(containsString("note 5 could not be loaded"))
                    .body(containsString("<div class=\"frame app\">"))
                    .body(containsString(LiveReloadScript.MARKER));
            given().baseUri(server.url()).when().get("/fine").then()
                    .statusCode(200)
                    .body(containsString(LiveReloadScript.MARKER));
        }
    }

    @Test
    void debugWithoutDevToolsWarnsOnceWithTheDependencySnippet() {
        App app = App.withoutExtensionDiscovery().register(new ErrorApp());
        try (LogCapture log = LogCapture.of(App.class); RunningServer server = app.start("127.0.0.1", 0, true)) {
            List<String> warnings = log.messages().stream().filter(m -> m.contains("microflask-devtools")).toList();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("<artifactId>microflask-devtools</artifactId>"));
            given().baseUri(server.url()).when().get("/notes/5").then()
                    .statusCode(500).body(not(containsString("frame app")));
        }
    }

    public static class SessionCrash {
        @Route(value = "/login", methods = "POST")
        public Response login(Request request) {
            request.session().put("user", "ada");
            return Response.of(204);
        }

        @Route("/boom")
        public String boom() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void theSessionIsShownDecoded() {
        App app = new App().register(new SessionCrash());
        app.settings().secretKey("test-key-0123456789abcdef0123456789abcdef");
        app.debug(true);
        TestClient client = app.testClient();
        assertEquals(204, client.request("POST", "/login").send().status());

        String html = client.request("GET", "/boom").header("Accept", "text/html").send().text();
        assertTrue(html.contains("<h3>Session</h3>"), html);
        assertTrue(html.contains("ada"), "the session's values, not just its cookie: " + html);
        String json = client.request("GET", "/boom").header("Accept", "application/json").send().text();
        assertTrue(json.contains("\"session\":{\"user\":\"\\\"ada\\\"\"}"), "values described as on the page");
    }
}
